import type { Actor, Role } from '../access/actor';
import { requireRole } from '../access/policies';
import {
  type EvidenceUpload,
  evidenceUploadSchemaOf,
  fileNameOfKey,
  imageOrPdfTypes,
  isAcceptableEvidence,
  isUnderPrefix,
  presignEvidenceUpload,
} from '../evidence/evidence-files';
import type { EvidenceLibrary } from '../evidence/ports';
import { StateConflictError } from '../shared/errors';
import type { Clock } from '../shared/ports';
import type { DebitAuthorizationStatus } from './debit-authorization';
import { type DebitAuthorizationDeps, getDebitAuthorization } from './debit-authorization-use-cases';

/** What backs a special pricing request: the competitor's quote or the end customer's RFQ (PDF, scan, sheet). */
export const attachmentContentTypes = [
  ...imageOrPdfTypes,
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export const attachmentUploadSchema = evidenceUploadSchemaOf(attachmentContentTypes);
/** Enough for a quote, an RFQ and their revisions; a bound on what one request may store. */
export const maxAttachments = 20;
/** Download links are handed out on each read, so they live only as long as someone looks. */
export const attachmentDownloadLifetimeSeconds = 5 * 60;

/** Where an authorization's attachments live: under its partner's own prefix, never another's. */
export const attachmentPrefix = (partnerId: string, authorizationNumber: string) =>
  `attachments/${partnerId}/${authorizationNumber}/`;

export interface DebitAuthorizationAttachmentDeps extends Pick<DebitAuthorizationDeps, 'authorizations'> {
  readonly attachments: EvidenceLibrary;
  readonly clock: Clock;
  readonly newId: () => string;
}

/**
 * Who may attach while the authorization is in which status: the partner while its request waits for a
 * decision (what the approver decides on); a channel manager also later, backing an amendment.
 */
const attachableStatuses: Partial<Record<Role, readonly DebitAuthorizationStatus[]>> = {
  partner: ['requested'],
  channel_manager: ['requested', 'approved', 'amended'],
};

/**
 * A presigned PUT for one attachment of an authorization: the requesting partner (its own; another's is a
 * 404) or a channel manager. Main course: the authorization read (visible to the caller) → its status must
 * take attachments (else 409) → fewer than `maxAttachments` uploaded (else 409) → a PUT signed for exactly
 * the declared type and size under `attachments/<partner>/<number>/`.
 */
export async function requestAttachmentUpload(
  deps: DebitAuthorizationAttachmentDeps,
  actor: Actor,
  authorizationNumber: string,
  upload: EvidenceUpload,
) {
  requireRole(actor, Object.keys(attachableStatuses) as Role[]);
  const authorization = await getDebitAuthorization(deps, actor, authorizationNumber);
  if (!attachableStatuses[actor.role]?.includes(authorization.status)) {
    throw new StateConflictError(
      `authorization ${authorizationNumber} is ${authorization.status}: a ${actor.role} attaches files while it is ${attachableStatuses[actor.role]?.join(' or ')}`,
    );
  }
  const prefix = attachmentPrefix(authorization.partnerId, authorizationNumber);
  if ((await deps.attachments.list(prefix)).length >= maxAttachments) {
    throw new StateConflictError(
      `authorization ${authorizationNumber} holds ${maxAttachments} attachments, the most it takes`,
    );
  }
  return presignEvidenceUpload(deps, deps.attachments, prefix, upload);
}

/**
 * An authorization's uploaded attachments, oldest first, each with a short-lived download link: for staff
 * (approvers deciding the request) and the owning partner; another partner's authorization is a 404.
 */
export async function listAttachments(
  deps: DebitAuthorizationAttachmentDeps,
  actor: Actor,
  authorizationNumber: string,
) {
  const authorization = await getDebitAuthorization(deps, actor, authorizationNumber);
  const prefix = attachmentPrefix(authorization.partnerId, authorizationNumber);
  // S3 holds the PUT to its signed type and size; an object that is not so anyway is never handed out.
  const uploaded = (await deps.attachments.list(prefix))
    .filter(
      (object) => isUnderPrefix(object.key, prefix) && isAcceptableEvidence(object, attachmentContentTypes),
    )
    .sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.key.localeCompare(b.key));
  const downloadUrlExpiresAt = new Date(
    deps.clock().getTime() + attachmentDownloadLifetimeSeconds * 1000,
  ).toISOString();
  const items = await Promise.all(
    uploaded.map(async (object) => {
      const fileName = fileNameOfKey(object.key);
      const downloadUrl = await deps.attachments.presignGet({
        key: object.key,
        fileName,
        expiresInSeconds: attachmentDownloadLifetimeSeconds,
      });
      return {
        key: object.key,
        fileName,
        contentType: object.contentType,
        sizeBytes: object.sizeBytes,
        uploadedAt: object.uploadedAt,
        downloadUrl,
        downloadUrlExpiresAt,
      };
    }),
  );
  return { authorizationNumber, items };
}
