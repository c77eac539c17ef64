import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectReader, ObjectVersion, UploadSigner } from '../../domain/channel-files/ports';
import type { EvidenceLibrary } from '../../domain/evidence/ports';

/**
 * The uploads bucket: presigned PUTs for partners, streamed reads for the ingest workflow, listings and
 * presigned downloads of evidence.
 */
export class S3Uploads implements UploadSigner, ObjectReader, EvidenceLibrary {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  /** Content-Type and Content-Length are signed, so S3 refuses a body of another type or size. */
  presignPut(request: { key: string; contentType: string; contentLength: number; expiresInSeconds: number }) {
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: request.key,
      ContentType: request.contentType,
      ContentLength: request.contentLength,
    });
    return getSignedUrl(this.client, command, {
      expiresIn: request.expiresInSeconds,
      signableHeaders: new Set(['content-type', 'content-length']),
    });
  }

  async describe(key: string) {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        sizeBytes: head.ContentLength ?? 0,
        ...(head.ContentType ? { contentType: head.ContentType } : {}),
        // 'null' is the id S3 gives objects stored while versioning was off: there is no version to pin.
        ...(head.VersionId && head.VersionId !== 'null' ? { versionId: head.VersionId } : {}),
      };
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return undefined;
      throw error;
    }
  }

  /** One page (1,000 keys): evidence prefixes hold far fewer. Type is not in a listing, so each is HEAD-read. */
  async list(prefix: string) {
    const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix }));
    const objects = await Promise.all(
      (page.Contents ?? []).map(async ({ Key, LastModified }) => {
        const described = Key === undefined ? undefined : await this.describe(Key);
        return described === undefined || Key === undefined
          ? []
          : [
              {
                key: Key,
                sizeBytes: described.sizeBytes,
                ...(described.contentType ? { contentType: described.contentType } : {}),
                uploadedAt: (LastModified ?? new Date(0)).toISOString(),
              },
            ];
      }),
    );
    return objects.flat();
  }

  /** Served as a download (never rendered inline), under the name it was kept as. */
  presignGet(request: { key: string; fileName: string; expiresInSeconds: number }) {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: request.key,
      ResponseContentDisposition: `attachment; filename="${request.fileName}"`,
    });
    return getSignedUrl(this.client, command, { expiresIn: request.expiresInSeconds });
  }

  async sha256(object: ObjectVersion): Promise<string> {
    const hash = createHash('sha256');
    for await (const chunk of this.read(object)) hash.update(chunk);
    return hash.digest('hex');
  }

  async *read(object: ObjectVersion): AsyncIterable<Uint8Array> {
    const { Body } = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: object.key, VersionId: object.versionId }),
    );
    if (!Body) return;
    yield* Body as Readable;
  }
}
