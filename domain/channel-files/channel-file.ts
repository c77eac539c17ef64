import type { ChannelFileKind } from '../ingestion/channel-file-kind';
import type { CurrencyCode } from '../shared/money/money';
import type { ClaimSubmitterRole } from '../ship-and-debit/ship-and-debit-claim';

/**
 * Where a partner file is in its life: a partner asks to upload (awaiting_upload), S3 receives it (received),
 * the ingest workflow reads it (processing) and ends in one of the final states. `duplicate` means the same
 * bytes were already ingested for this partner, so nothing was added.
 */
export const channelFileStatuses = [
  'awaiting_upload',
  'received',
  'processing',
  'completed',
  'completed_with_rejections',
  'duplicate',
  'failed',
] as const;
export type ChannelFileStatus = (typeof channelFileStatuses)[number];
export const finalStatuses: readonly ChannelFileStatus[] = [
  'completed',
  'completed_with_rejections',
  'duplicate',
  'failed',
];

/**
 * Whether a file keeps its bytes from being ingested again (a later file with the same hash is a `duplicate`):
 * while it is being read, and once it completed with at least one line in force (accepted, restated or
 * unchanged). A failed file (its lines withdrawn) or one whose every line was rejected (say under a wrong
 * mapping profile) put nothing in force, so the same bytes may be sent again, e.g. once the profile is fixed.
 */
export function blocksItsBytes(file: Pick<ChannelFileData, 'status' | 'counts'>): boolean {
  if (file.status === 'received' || file.status === 'processing') return true;
  if (file.status !== 'completed' && file.status !== 'completed_with_rejections') return false;
  return file.counts.accepted + file.counts.restated + file.counts.unchanged > 0;
}

/** Line counts of a file; `accepted` = new lines, `restated` = replaced an earlier file's version. */
export interface ChannelFileCounts {
  readonly lines: number;
  readonly accepted: number;
  readonly restated: number;
  readonly unchanged: number;
  readonly rejected: number;
}

export const zeroCounts: ChannelFileCounts = {
  lines: 0,
  accepted: 0,
  restated: 0,
  unchanged: 0,
  rejected: 0,
};

export function addCounts(a: ChannelFileCounts, b: ChannelFileCounts): ChannelFileCounts {
  return {
    lines: a.lines + b.lines,
    accepted: a.accepted + b.accepted,
    restated: a.restated + b.restated,
    unchanged: a.unchanged + b.unchanged,
    rejected: a.rejected + b.rejected,
  };
}

export interface ChannelFileData {
  readonly fileId: string;
  readonly partnerId: string;
  readonly kind: ChannelFileKind;
  readonly fileName: string;
  readonly contentType: string;
  readonly declaredSizeBytes: number;
  readonly objectKey: string;
  readonly requestedBy: string;
  readonly status: ChannelFileStatus;
  /** The object version this file is: size, hash and lines all come from it, whatever is PUT later. */
  readonly objectVersionId?: string;
  readonly sizeBytes?: number;
  readonly sha256?: string;
  readonly format?: string;
  readonly duplicateOf?: string;
  /** Last source line whose result is stored: a resumed run skips up to here. */
  readonly checkpointLine: number;
  readonly counts: ChannelFileCounts;
  readonly receivedAt?: string;
  readonly completedAt?: string;
  readonly failureReason?: string;
  /** Restarts of the ingest; attempt n runs as execution `<fileId>-attempt-<n>` (see restart-ingest.ts). */
  readonly ingestAttempts?: number;
  /** What staff and the reconciler did to the file, oldest first: the audit trail of its recovery. */
  readonly operations?: readonly FileOperation[];
  /** A ship & debit claim file's claim: as asked for at upload, then the claim it became. */
  readonly claim?: ClaimFileClaim;
}

/**
 * The claim a `shipAndDebitClaim` file carries: its number and currency (given at upload, as the CSV body
 * route takes them in the query) and the role of who asked for the upload, whom it is submitted as; once
 * submitted, the claim's id and amounts (the lines' outcomes are on the claim).
 */
export interface ClaimFileClaim {
  readonly claimNumber: string;
  readonly currency: CurrencyCode;
  readonly submitterRole: ClaimSubmitterRole;
  readonly claimId?: string;
  readonly amountClaimed?: string;
  readonly amountApproved?: string;
}

/** A recovery action on a file: who (a user id, or `reconciler`), when, what and why. */
export interface FileOperation {
  readonly action: 'retry' | 'fail';
  readonly by: string;
  readonly at: string;
  readonly reason?: string;
}

/** Keeps file names safe in S3 keys, URLs and CSV exports: anything unusual becomes `_`. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 120);
  return cleaned.length > 0 ? cleaned : 'upload';
}

/** `uploads/<partnerId>/<fileId>/<name>`: the prefix names the owner, so a key proves whose file it is. */
export function uploadObjectKey(partnerId: string, fileId: string, fileName: string): string {
  return `uploads/${partnerId}/${fileId}/${safeFileName(fileName)}`;
}

/** Reads partner and file id back from an object key; undefined for keys outside the upload layout. */
export function parseUploadObjectKey(key: string): { partnerId: string; fileId: string } | undefined {
  const match = /^uploads\/([A-Z0-9][A-Z0-9._-]{0,39})\/([a-z0-9-]{8,64})\/[^/]+$/.exec(key);
  return match?.[1] && match[2] ? { partnerId: match[1], fileId: match[2] } : undefined;
}
