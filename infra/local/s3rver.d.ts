/** The part of s3rver's API the local runtime uses (the package ships no types). */
declare module 's3rver' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage } from 'node:http';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  /** The Koa context s3rver's middleware sees (Koa ships no types here either). */
  export interface S3rverContext {
    method: string;
    path: string;
    query: Record<string, string>;
    status: number;
    /** The raw request: its URL keeps the encoding the signature covers. */
    req: IncomingMessage;
    type: string;
    body: unknown;
    get(header: string): string;
    set(header: string, value: string): void;
  }

  /** An object as s3rver's store lists it (size and date are getters). */
  export interface StoredObject {
    key: string;
    size: number;
    lastModifiedDate: Date;
    metadata: Record<string, string | undefined>;
  }

  export default class S3rver extends EventEmitter {
    constructor(options: S3rverOptions);
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
    /** Koa's middleware list, composed when the server starts listening. */
    middleware: ((ctx: S3rverContext, next: () => Promise<void>) => Promise<void>)[];
    store: {
      listObjects(
        bucket: string,
        options: { prefix?: string; delimiter?: string },
      ): Promise<{ objects: StoredObject[] }>;
    };
  }
}
