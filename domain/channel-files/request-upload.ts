import { z } from 'zod';
import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import { channelFileKindSchema } from '../ingestion/channel-file-kind';
import { businessCodeSchema } from '../shared/codes';
import { BusinessRuleError } from '../shared/errors';
import { currencyCodeSchema } from '../shared/money/money';
import type { Stored } from '../shared/ports';
import { uploadedFileNameSchema } from '../shared/uploaded-file-name';
import { createVersioned } from '../shared/versioned-record';
import { type ClaimSubmitterRole, claimSubmitterRoles } from '../ship-and-debit/ship-and-debit-claim';
import { claimNumberSchema } from '../ship-and-debit/ship-and-debit-claim-request';
import { type ChannelFileData, safeFileName, uploadObjectKey, zeroCounts } from './channel-file';
import type { UploadDeps } from './ports';

/** Formats ChRM reads: CSV/TSV, Excel workbooks, and X12 EDI (often sent as plain text or octet-stream). */
export const acceptedContentTypes = [
  'text/csv',
  'text/tab-separated-values',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/edi-x12',
  'application/octet-stream',
] as const;

/** 2 GiB: a million-line POS file is about 100 MB; anything far larger is a mistake, not a report. */
export const maxUploadBytes = 2 * 1024 ** 3;
export const uploadUrlLifetimeSeconds = 15 * 60;
/** A claim holds at most 45 lines (a few KB) and is read whole: 1 MiB is far beyond any real one. */
export const maxClaimFileBytes = 1024 ** 2;
const claimContentTypes: readonly string[] = ['text/csv', 'text/plain'];

export const uploadRequestSchema = z
  .object({
    kind: channelFileKindSchema.describe(
      '`pos`: sell-through lines; `inventory`: stock on hand; `shipAndDebitClaim`: one ship & debit claim (CSV)',
    ),
    fileName: uploadedFileNameSchema,
    contentType: z
      .enum(acceptedContentTypes, { message: `must be one of ${acceptedContentTypes.join(', ')}` })
      .describe(
        'Media type the PUT will send: CSV/TSV, XLSX or X12 (text/plain, application/edi-x12, octet-stream)',
      ),
    sizeBytes: z
      .number()
      .int()
      .min(1, 'an empty file has nothing to report')
      .max(maxUploadBytes, 'is over 2 GiB')
      .describe('Exact size in bytes the PUT will send (1 byte to 2 GiB)'),
    /** Only for channel managers and admins uploading on a partner's behalf; partners upload as themselves. */
    partnerId: businessCodeSchema
      .optional()
      .describe(
        'Partner the file is for: only staff uploading on a partner’s behalf; partners upload as themselves',
      ),
    claimNumber: claimNumberSchema
      .optional()
      .describe(
        '`shipAndDebitClaim` only (required): the partner’s claim (debit memo) number, unique per partner',
      ),
    currency: currencyCodeSchema
      .optional()
      .describe(
        '`shipAndDebitClaim` only (required): ISO 4217 currency of every price and amount in the file',
      ),
  })
  .superRefine((request, ctx) => {
    const isClaim = request.kind === 'shipAndDebitClaim';
    for (const field of ['claimNumber', 'currency'] as const) {
      if (isClaim && request[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: 'is required for a ship & debit claim file' });
      if (!isClaim && request[field] !== undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: 'is only for a ship & debit claim file' });
    }
    if (isClaim && request.sizeBytes > maxClaimFileBytes)
      ctx.addIssue({
        code: 'custom',
        path: ['sizeBytes'],
        message: 'is over 1 MiB, too large for one claim (45 lines)',
      });
    if (isClaim && !claimContentTypes.includes(request.contentType))
      ctx.addIssue({
        code: 'custom',
        path: ['contentType'],
        message: 'a claim file is CSV: text/csv or text/plain',
      });
  });
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

export interface UploadTicket {
  readonly file: Stored<ChannelFileData>;
  readonly uploadUrl: string;
  readonly expiresAt: string;
  /** Headers the PUT must carry exactly as signed. */
  readonly requiredHeaders: Readonly<Record<string, string>>;
}

/**
 * Hands out a presigned PUT for one channel file.
 * 1. Partner users upload for their own partner (a partnerId in the body is refused); channel managers and
 *    admins must name the partner. 2. The partner must exist and be active. 3. The file record is stored as
 *    awaiting_upload, then a URL signed for exactly the declared type and size is returned. A ship & debit
 *    claim file is asked for by whoever may submit claims (a partner, a channel manager), and keeps its claim
 *    number, currency and submitter on the record, to be submitted as them once it lands.
 */
export async function requestUpload(
  deps: UploadDeps,
  actor: Actor,
  request: UploadRequest,
): Promise<UploadTicket> {
  requireRole(
    actor,
    request.kind === 'shipAndDebitClaim' ? claimSubmitterRoles : ['partner', 'channel_manager', 'admin'],
  );
  const partnerId = owningPartner(actor, request.partnerId);
  const partner = await deps.partners.get(partnerId);
  if (partner?.status !== 'active') {
    const message = `partner '${partnerId}' does not exist or is not active`;
    throw new BusinessRuleError(message, [{ path: 'partnerId', message }]);
  }
  const fileId = deps.newId();
  const objectKey = uploadObjectKey(partnerId, fileId, request.fileName);
  const file = await createVersioned<ChannelFileData>(deps.files, deps.clock, {
    fileId,
    partnerId,
    kind: request.kind,
    fileName: safeFileName(request.fileName),
    contentType: request.contentType,
    declaredSizeBytes: request.sizeBytes,
    objectKey,
    requestedBy: actor.userId,
    status: 'awaiting_upload',
    checkpointLine: 0,
    counts: zeroCounts,
    ...(request.claimNumber !== undefined && request.currency !== undefined
      ? {
          claim: {
            claimNumber: request.claimNumber,
            currency: request.currency,
            submitterRole: claimSubmitterOf(actor),
          },
        }
      : {}),
  });
  const uploadUrl = await deps.signer.presignPut({
    key: objectKey,
    contentType: request.contentType,
    contentLength: request.sizeBytes,
    expiresInSeconds: uploadUrlLifetimeSeconds,
  });
  const expiresAt = new Date(deps.clock().getTime() + uploadUrlLifetimeSeconds * 1000).toISOString();
  return { file, uploadUrl, expiresAt, requiredHeaders: { 'content-type': request.contentType } };
}

function owningPartner(actor: Actor, requested: string | undefined): string {
  if (actor.role === 'partner') {
    if (requested !== undefined && requested !== actor.partnerId) {
      const message = 'partners upload for themselves; leave partnerId out';
      throw new BusinessRuleError(message, [{ path: 'partnerId', message }]);
    }
    return actor.partnerId;
  }
  if (requested === undefined) {
    const message = 'name the partner you upload for';
    throw new BusinessRuleError(message, [{ path: 'partnerId', message }]);
  }
  return requested;
}

/** The role a claim file is submitted under (`requireRole` above admitted only claim submitters). */
const claimSubmitterOf = (actor: Actor): ClaimSubmitterRole =>
  actor.role === 'partner' ? 'partner' : 'channel_manager';
