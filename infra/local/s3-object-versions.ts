import { randomBytes } from 'node:crypto';
import type S3rver from 's3rver';
import type { S3rverContext, StoredObject } from 's3rver';

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
    if (versioned.has(bucket) && rawKey === '' && isPrefixListing(ctx))
      return listLatestVersions(server, ctx, bucket);
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

/** A ListObjectsV2 by prefix alone (no delimiter, no paging), the one listing the runtime's adapters make. */
const isPrefixListing = (ctx: S3rverContext) =>
  ctx.method === 'GET' &&
  ctx.query['list-type'] === '2' &&
  !ctx.query.delimiter &&
  !ctx.query['continuation-token'] &&
  !ctx.query['start-after'];

const xmlText = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * ListObjectsV2 of a versioned bucket, whose objects are `<key>/<versionId>` in the companion bucket: each
 * key once, with its latest version's size and date, beside objects stored before versioning. At most 1,000
 * keys, never truncated (local data stays far below).
 */
async function listLatestVersions(server: S3rver, ctx: S3rverContext, bucket: string) {
  const prefix = ctx.query.prefix ?? '';
  const [versions, unversioned] = await Promise.all([
    server.store.listObjects(versionsBucketOf(bucket), { prefix }),
    server.store.listObjects(bucket, { prefix }),
  ]);
  // s3rver's objects hold size and date in getters: copy them out, keyed by the object's own key.
  const entry = (key: string, object: StoredObject) => ({
    key,
    size: object.size,
    lastModified: object.lastModifiedDate.toISOString(),
    etag: object.metadata.etag ?? '',
  });
  const latest = new Map(unversioned.objects.map((object) => [object.key, entry(object.key, object)]));
  // Version ids sort by creation: in key order, a key's latest version comes last.
  for (const object of [...versions.objects].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const key = object.key.slice(0, object.key.lastIndexOf('/'));
    latest.set(key, entry(key, object));
  }
  const contents = [...latest.values()]
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .slice(0, 1000)
    .map(
      (object) =>
        `<Contents><Key>${xmlText(object.key)}</Key><LastModified>${object.lastModified}</LastModified>` +
        `<ETag>${xmlText(object.etag)}</ETag><Size>${object.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    );
  ctx.type = 'application/xml';
  ctx.body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xmlText(bucket)}</Name>` +
    `<Prefix>${xmlText(prefix)}</Prefix><KeyCount>${contents.length}</KeyCount><MaxKeys>1000</MaxKeys>` +
    `<IsTruncated>false</IsTruncated>${contents.join('')}</ListBucketResult>`;
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
