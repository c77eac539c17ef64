import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { emulateVersioning, versionsBucketOf } from './s3-object-versions';

export interface S3Local {
  readonly endpoint: string;
  readonly server: S3rver;
  stop(): Promise<void>;
}

/**
 * Starts s3rver with the template's buckets, storing objects under `dataDirectory` (kept across restarts)
 * or in a temporary folder removed on stop. `versionedBuckets` keep every version of an object, as S3 does
 * with versioning enabled (see s3-object-versions.ts).
 */
export async function startS3Local(
  port: number,
  bucketNames: readonly string[],
  dataDirectory?: string,
  versionedBuckets: readonly string[] = [],
): Promise<S3Local> {
  const directory = dataDirectory ?? mkdtempSync(path.join(tmpdir(), 'chrm-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [...bucketNames, ...versionedBuckets.map(versionsBucketOf)].map((name) => ({ name })),
  });
  emulateVersioning(server, versionedBuckets);
  const address = await server.run();
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    server,
    stop: async () => {
      await server.close();
      if (!dataDirectory) rmSync(directory, { recursive: true, force: true });
    },
  };
}
