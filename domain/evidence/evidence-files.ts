import { z } from 'zod';
import type { Clock } from '../shared/ports';
import { uploadedFileNameSchema } from '../shared/uploaded-file-name';
import type { EvidenceStore } from './ports';

/**
 * Files people send to back a request (fund request evidence, debit authorization attachments): uploaded by
 * presigned PUT under a prefix of their own, signed for the declared type and size, checked when cited.
 */

/** Photos and scans (of an activity, an invoice), or PDFs. */
export const imageOrPdfTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const;
/** 20 MiB: a phone photo or a scanned invoice; a video of the event is not evidence we keep here. */
export const maxEvidenceBytes = 20 * 1024 ** 2;
export const evidenceUrlLifetimeSeconds = 15 * 60;

type ContentTypes = readonly [string, ...string[]];
const spelledOut = (types: ContentTypes) =>
  types.length === 1 ? types[0] : `${types.slice(0, -1).join(', ')} or ${types.at(-1)}`;

/** What an upload declares: its name (for people), one of `contentTypes`, and its exact size. */
export const evidenceUploadSchemaOf = <const T extends ContentTypes>(contentTypes: T) =>
  z
    .object({
      fileName: uploadedFileNameSchema,
      contentType: z
        .enum(contentTypes, { message: `must be one of ${contentTypes.join(', ')}` })
        .describe(spelledOut(contentTypes)),
      sizeBytes: z
        .number()
        .int()
        .min(1, 'an empty file is no evidence')
        .max(maxEvidenceBytes, 'is over 20 MiB')
        .describe('Exact size in bytes the PUT will send (1 byte to 20 MiB)'),
    })
    .strict();
export interface EvidenceUpload {
  readonly fileName: string;
  readonly contentType: string;
  readonly sizeBytes: number;
}

/** The file name as it is kept in a key: characters safe in any URL and shell, at most 100. */
export const safeFileName = (fileName: string) =>
  fileName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100) || 'evidence';

/** A key under `prefix` that no other upload shares: `<prefix><id>/<safe file name>`. */
export const evidenceKey = (prefix: string, id: string, fileName: string) =>
  `${prefix}${id}/${safeFileName(fileName)}`;

/** The file name a key made by `evidenceKey` carries. */
export const fileNameOfKey = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/** Whether `key` is one made under `prefix` (and cannot climb out of it). */
export const isUnderPrefix = (key: string, prefix: string) => key.startsWith(prefix) && !key.includes('..');

/** Whether an uploaded object is of a type we take and within the size bound. */
export const isAcceptableEvidence = <T extends { readonly sizeBytes: number; readonly contentType?: string }>(
  object: T,
  contentTypes: readonly string[],
): object is T & { readonly contentType: string } =>
  contentTypes.includes(object.contentType ?? '') &&
  object.sizeBytes >= 1 &&
  object.sizeBytes <= maxEvidenceBytes;

/**
 * A presigned PUT for one file under `prefix`, signed for exactly the declared type and size (S3 refuses
 * any other body), with the headers the PUT must send.
 */
export async function presignEvidenceUpload(
  deps: { readonly clock: Clock; readonly newId: () => string },
  store: EvidenceStore,
  prefix: string,
  upload: EvidenceUpload,
) {
  const key = evidenceKey(prefix, deps.newId(), upload.fileName);
  const uploadUrl = await store.presignPut({
    key,
    contentType: upload.contentType,
    contentLength: upload.sizeBytes,
    expiresInSeconds: evidenceUrlLifetimeSeconds,
  });
  const expiresAt = new Date(deps.clock().getTime() + evidenceUrlLifetimeSeconds * 1000).toISOString();
  return { key, uploadUrl, expiresAt, requiredHeaders: { 'content-type': upload.contentType } };
}
