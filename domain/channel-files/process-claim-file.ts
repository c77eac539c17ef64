import type { Actor } from '../access/actor';
import { ChannelTextDecoder } from '../ingestion/channel-text-decoder';
import { FileRejectedError } from '../ingestion/file-rejected-error';
import { BusinessRuleError, ValidationError } from '../shared/errors';
import type { ShipAndDebitClaim } from '../ship-and-debit/ship-and-debit-claim';
import { submitShipAndDebitClaim } from '../ship-and-debit/submit-ship-and-debit-claim';
import type { ChannelFileCounts, ChannelFileData, ClaimFileClaim } from './channel-file';
import type { IngestDeps, ObjectVersion } from './ports';

/**
 * Submits an uploaded ship & debit claim file (kind `shipAndDebitClaim`) and answers what the file record
 * becomes. Main course: the pinned object is read whole (at most 1 MiB, see `maxClaimFileBytes`) → the
 * partner's mapping profile for the kind maps its columns onto the claim columns → the claim is submitted as
 * the uploader (`submitShipAndDebitClaim`: every line validated, 901/889 codes) → the file is `completed`, or
 * `completed_with_rejections` when a line was rejected, and carries the claim's id and amounts. A file the
 * claim reader refuses (wrong columns, more than 45 lines, no line, unreadable bytes) fails with the reasons.
 * Idempotent: a second call (a retried task) finds the claim its claim number made and answers it again; a
 * claim number an earlier claim already holds fails the file instead of answering that other claim.
 */
export async function processClaimFile(
  deps: IngestDeps,
  file: ChannelFileData,
  object: ObjectVersion,
): Promise<Partial<ChannelFileData>> {
  const completedAt = deps.clock().toISOString();
  const failed = (reason: string) => ({ status: 'failed' as const, failureReason: reason, completedAt });
  const asked = file.claim;
  if (asked === undefined) return failed('The upload named no claim number and currency');
  const profile = await deps.reference.mappingProfile(file.partnerId, file.kind);
  let submitted: ShipAndDebitClaim;
  try {
    const text = await readText(deps.objects.read(object), new ChannelTextDecoder(profile.encoding));
    const { claim } = await submitShipAndDebitClaim(deps.shipAndDebitClaims, submitterOf(file, asked), {
      partnerId: file.partnerId,
      document: {
        format: 'csv',
        text,
        claimNumber: asked.claimNumber,
        currency: asked.currency,
        upload: { fileId: file.fileId, profile },
      },
    });
    submitted = claim;
  } catch (error) {
    if (error instanceof FileRejectedError) return failed(error.message);
    if (error instanceof BusinessRuleError || error instanceof ValidationError)
      return failed(
        [error.message, ...error.issues.map((issue) => `${issue.path}: ${issue.message}`)].join('; '),
      );
    throw error;
  }
  if (submitted.sourceFileId !== file.fileId)
    return failed(`claim number ${asked.claimNumber} was already submitted (claim ${submitted.claimId})`);
  const counts = claimFileCounts(submitted);
  return {
    status: counts.rejected > 0 ? 'completed_with_rejections' : 'completed',
    counts,
    completedAt,
    claim: {
      ...asked,
      claimId: submitted.claimId,
      amountClaimed: submitted.amountClaimed,
      amountApproved: submitted.amountApproved,
    },
  };
}

/** A claim's lines as file counts: approved (in full or cut) lines are accepted, the others rejected. */
function claimFileCounts(claim: ShipAndDebitClaim): ChannelFileCounts {
  const accepted = claim.results.filter((result) => result.outcome !== 'rejected').length;
  const lines = claim.results.length + claim.unreadableLines.length;
  return { lines, accepted, restated: 0, unchanged: 0, rejected: lines - accepted };
}

function submitterOf(file: ChannelFileData, claim: ClaimFileClaim): Actor {
  return claim.submitterRole === 'partner'
    ? { userId: file.requestedBy, role: 'partner', partnerId: file.partnerId }
    : { userId: file.requestedBy, role: 'channel_manager' };
}

async function readText(chunks: AsyncIterable<Uint8Array>, decoder: ChannelTextDecoder): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += decoder.decode(chunk);
  return text + decoder.end();
}
