import { randomBytes } from 'node:crypto';
import type S3rver from 's3rver';
import type { S3rverContext } from 's3rver';

/** Where the versions of `<bucket>` live: a companion bucket holding `<key>/<versionId>` objects. */
export const versionsBucketOf = (bucket: string) => `${bucket}.versions`;

let sequence = 0;
/** Version ids sort by creation (ms, then a per-process sequence), so the latest is the greatest. */
const newVersionId = () =>
  `${Date.now().toString(36).padStart(9, '0')}${(sequence++ % 1_296).toString(36).padStart(2, '0')}${randomBytes(4).toString('hex')}`;

/** Query parameters of a plain object GET/HEAD/PUT; subresources (`?tagging`, `?uploads`…) are left to s3rver. */
const plainParameter = /^(versionId|x-id|x-amz-.*|response-.*)$/i;
const plainObjectRequest = (ctx: S3rverContext) =>
  Object.keys(ctx.query).every((name) => plainParameter.test(name)) && ctx.get('x-amz-copy-source') === '';

/**
 * S3 versioning for s3rver, which has none, for the buckets whose template enables it. Each PUT stores a new
 * version as `<key>/<versionId>` in the companion bucket (so a later PUT never touches the bytes of an earlier
 * one) and answers `x-amz-version-id`; GET and HEAD read the version named by `versionId`, else the latest;
 * the ObjectCreated event names the object and its `versionId`, as S3 sends it. Objects stored before
 * versioning (earlier data dirs) are still served from the bucket itself. Deleting versions is not emulated.
 */
export function emulateVersioning(server: S3rver, buckets: readonly string[]): void {
  const versioned = new Set(buckets);
  server.middleware.unshift(async (ctx, next) => {
    const [, bucket = '', ...keyParts] = ctx.path.split('/');
    const rawKey = keyParts.join('/');
    if (!versioned.has(bucket) || rawKey === '' || !plainObjectRequest(ctx)) return next();
    const key = decodeURIComponent(rawKey);
    let versionId: string | undefined;
    if (ctx.method === 'PUT') versionId = newVersionId();
    else if (ctx.method === 'GET' || ctx.method === 'HEAD')
      versionId = ctx.query.versionId ?? (await latestVersion(server, bucket, key));
    if (versionId === undefined) return next();
    const { versionId: _named, ...query } = ctx.query;
    ctx.path = `/${versionsBucketOf(bucket)}/${rawKey}/${encodeURIComponent(versionId)}`;
    ctx.query = query;
    await next();
    if (ctx.status < 300) ctx.set('x-amz-version-id', versionId);
  });
  announceVersionedObjects(server, versioned);
}

async function latestVersion(server: S3rver, bucket: string, key: string) {
  const { objects } = await server.store.listObjects(versionsBucketOf(bucket), {
    prefix: `${key}/`,
    delimiter: '/',
  });
  return objects
    .map((object) => object.key.slice(key.length + 1))
    .sort()
    .at(-1);
}

/** s3rver announces the stored version object; S3 announces the object's own key with its version id. */
function announceVersionedObjects(server: S3rver, versioned: ReadonlySet<string>) {
  const emit = server.emit.bind(server);
  server.emit = (name: string | symbol, ...args: unknown[]) => {
    const event = args[0] as VersionEvent | undefined;
    if (name !== 'event' || !event?.Records) return emit(name, ...args);
    for (const record of event.Records) {
      const bucket = [...versioned].find((name) => versionsBucketOf(name) === record.s3.bucket.name);
      if (bucket === undefined) continue;
      const slash = record.s3.object.key.lastIndexOf('/');
      record.s3.bucket = { ...record.s3.bucket, name: bucket, arn: `arn:aws:s3:::${bucket}` };
      record.s3.object = {
        ...record.s3.object,
        key: record.s3.object.key.slice(0, slash),
        versionId: record.s3.object.key.slice(slash + 1),
      };
    }
    return emit(name, event);
  };
}

interface VersionEvent {
  Records?: {
    s3: {
      bucket: { name: string; arn?: string };
      object: { key: string; versionId?: string };
    };
  }[];
}
