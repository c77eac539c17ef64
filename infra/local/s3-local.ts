import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { localCredentials } from './dynamodb-local';
import { emulateVersioning, versionsBucketOf } from './s3-object-versions';
import { checkS3Signature } from './s3-signature-check';

export interface S3Local {
  readonly endpoint: string;
  readonly server: S3rver;
  stop(): Promise<void>;
}

/** A bucket's CORS rule as the CloudFormation template writes it (`CorsConfiguration.CorsRules`). */
export interface TemplateCorsRule {
  readonly AllowedMethods: readonly string[];
  readonly AllowedOrigins: readonly string[];
  readonly AllowedHeaders?: readonly string[];
  readonly MaxAge?: number;
}

/** The template's CORS rules as the XML document s3rver (and S3's PutBucketCors) reads. */
function corsConfigurationXml(rules: readonly TemplateCorsRule[]): string {
  const list = (tag: string, values: readonly string[] = []) =>
    values.map((value) => `<${tag}>${value}</${tag}>`).join('');
  const body = rules
    .map(
      (rule) =>
        `<CORSRule>${list('AllowedOrigin', rule.AllowedOrigins)}${list('AllowedMethod', rule.AllowedMethods)}` +
        `${list('AllowedHeader', rule.AllowedHeaders)}` +
        `${rule.MaxAge === undefined ? '' : `<MaxAgeSeconds>${rule.MaxAge}</MaxAgeSeconds>`}</CORSRule>`,
    )
    .join('');
  return `<CORSConfiguration>${body}</CORSConfiguration>`;
}

/**
 * Starts s3rver with the template's buckets, storing objects under `dataDirectory` (kept across restarts)
 * or in a temporary folder removed on stop. `versionedBuckets` keep every version of an object, as S3 does
 * with versioning enabled (see s3-object-versions.ts); `corsRules` are the buckets' CORS rules (the portal
 * PUTs files from the browser). Every request must be SigV4-signed by the local
 * credentials, as S3 requires (s3rver checks no V4 signature and serves anonymous requests).
 */
export async function startS3Local(
  port: number,
  bucketNames: readonly string[],
  dataDirectory?: string,
  versionedBuckets: readonly string[] = [],
  corsRules: ReadonlyMap<string, readonly TemplateCorsRule[]> = new Map(),
): Promise<S3Local> {
  const directory = dataDirectory ?? mkdtempSync(path.join(tmpdir(), 'chrm-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    vhostBuckets: false,
    // A versioned bucket's PUTs land in its companion bucket (s3-object-versions.ts): it answers CORS alike.
    configureBuckets: [
      ...bucketNames.map((name) => ({ name, cors: corsRules.get(name) })),
      ...versionedBuckets.map((name) => ({ name: versionsBucketOf(name), cors: corsRules.get(name) })),
    ].map(({ name, cors }) => (cors ? { name, configs: [corsConfigurationXml(cors)] } : { name })),
  });
  emulateVersioning(server, versionedBuckets);
  requireSignatures(server);
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

/**
 * Refuses, before s3rver or the versioning emulation sees it, any request S3 would refuse for its signature
 * (see s3-signature-check.ts), answering S3's XML error. CORS preflights go on unsigned, as on S3.
 */
function requireSignatures(server: S3rver): void {
  server.middleware.unshift(async (ctx, next) => {
    if (ctx.method === 'OPTIONS') return next();
    const refusal = checkS3Signature(
      { method: ctx.method, url: ctx.req.url ?? '/', headers: ctx.req.headers },
      localCredentials,
      new Date(),
    );
    if (refusal === undefined) return next();
    ctx.status = refusal.status;
    ctx.type = 'application/xml';
    ctx.body =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Error><Code>${refusal.code}</Code><Message>${refusal.message}</Message></Error>`;
  });
}
