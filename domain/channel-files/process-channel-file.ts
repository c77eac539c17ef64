import {
  type ChannelFileProcessedV1,
  channelFileProcessedV1,
  detailType,
  source,
} from '../../events/channel-file-processed.v1';
import { isChannelDataKind } from '../ingestion/channel-file-kind';
import { storableRejection } from '../ingestion/field-limits';
import { FileRejectedError } from '../ingestion/file-rejected-error';
import type { ParsedBatch, RejectedLine } from '../ingestion/ingest-types';
import { parseChannelFile } from '../ingestion/parse-channel-file';
import type { Stored } from '../shared/ports';
import { getVersioned, replaceVersioned } from '../shared/versioned-record';
import {
  addCounts,
  blocksItsBytes,
  type ChannelFileCounts,
  type ChannelFileData,
  finalStatuses,
  zeroCounts,
} from './channel-file';
import type { ClassifiedLine, LineOutcome } from './line-restatement';
import type { IngestDeps, ObjectVersion } from './ports';
import { processClaimFile } from './process-claim-file';
import { storeChannelLines } from './store-channel-lines';

type StoredFile = Stored<ChannelFileData>;

export interface ProcessResult {
  readonly done: boolean;
  readonly status: ChannelFileData['status'];
}

/**
 * Ingests one uploaded file, resumably.
 * 1. A file already final is left alone (re-deliveries are harmless).
 * 2. First pass: check the object is there and within its declared size, fingerprint it; the same bytes
 *    already ingested for this partner make this file a `duplicate` that adds nothing. Only a file that
 *    still blocks its bytes (`blocksItsBytes`: in flight, or completed with lines in force) makes it one;
 *    otherwise this file takes the fingerprint over.
 * 3. Parse, validate and normalize in batches from the checkpoint on; store each batch's lines and
 *    rejections, then advance the checkpoint and counts together, so a crash repeats at most one batch,
 *    which the line store recognises as already stored.
 * 4. Stop early when `deadline` (epoch ms) is near and answer `done: false`; the workflow calls again.
 *    A ship & debit claim file is not channel data: it is submitted as a claim instead (`processClaimFile`).
 * 5. Finish with completed / completed_with_rejections and publish ChannelFileProcessed. A file-level
 *    rejection found mid-file fails it: the lines it stored are withdrawn first (a file is never half-applied).
 */
export async function processChannelFile(
  deps: IngestDeps,
  input: { readonly fileId: string; readonly deadline: number },
): Promise<ProcessResult> {
  let file = await getVersioned(deps.files, input.fileId, 'Channel file');
  if (finalStatuses.includes(file.status)) return { done: true, status: file.status };
  try {
    if (file.status === 'awaiting_upload' || file.status === 'received') {
      file = await startProcessing(deps, file);
      if (file.status !== 'processing') return finish(deps, file);
    }
    if (!isChannelDataKind(file.kind)) {
      file = await update(deps, file, await processClaimFile(deps, file, pinnedObject(file)));
      return finish(deps, file);
    }
    const products = await deps.reference.products(file.partnerId);
    const profile = await deps.reference.mappingProfile(file.partnerId, file.kind);
    const batches = parseChannelFile(deps.objects.read(pinnedObject(file)), {
      kind: file.kind,
      fileName: file.fileName,
      contentType: file.contentType,
      partnerId: file.partnerId,
      sourceFileId: file.fileId,
      profile,
      products,
      startAfterLine: file.checkpointLine,
    });
    for await (const batch of batches) {
      file = await storeBatch(deps, file, batch);
      if (deps.clock().getTime() >= input.deadline) return { done: false, status: file.status };
    }
    const status = file.counts.rejected > 0 ? 'completed_with_rejections' : 'completed';
    file = await update(deps, file, { status, completedAt: deps.clock().toISOString() });
  } catch (error) {
    if (!(error instanceof FileRejectedError)) throw error;
    // Withdraw before the file is final: if this dies in between, the retry fails the file again and withdraws.
    await deps.lines.withdrawFileLines(file.fileId);
    file = await update(deps, file, {
      status: 'failed',
      failureReason: error.message,
      completedAt: deps.clock().toISOString(),
    });
  }
  return finish(deps, file);
}

async function startProcessing(deps: IngestDeps, file: StoredFile): Promise<StoredFile> {
  const object = await deps.objects.describe(file.objectKey);
  const refusal = !object
    ? `No object was uploaded at ${file.objectKey}`
    : object.sizeBytes !== file.declaredSizeBytes
      ? `The upload has ${object.sizeBytes} bytes but ${file.declaredSizeBytes} were declared`
      : undefined;
  if (!object || refusal !== undefined) {
    const now = deps.clock().toISOString();
    return update(deps, file, { status: 'failed', failureReason: refusal ?? 'No object', completedAt: now });
  }
  const version = object.versionId === undefined ? {} : { objectVersionId: object.versionId };
  const sha256 = await deps.objects.sha256(pinnedObject({ ...file, ...version }));
  const owner = await claimBytes(deps, file, sha256);
  const receivedAt = deps.clock().toISOString();
  if (owner !== file.fileId) {
    return update(deps, file, {
      status: 'duplicate',
      ...version,
      sha256,
      sizeBytes: object.sizeBytes,
      duplicateOf: owner,
      receivedAt,
      completedAt: receivedAt,
    });
  }
  return update(deps, file, {
    status: 'processing',
    ...version,
    sha256,
    sizeBytes: object.sizeBytes,
    receivedAt,
  });
}

/** Claims the fingerprint for `file`, taking it over from an earlier file that no longer blocks its bytes. */
async function claimBytes(deps: IngestDeps, file: StoredFile, sha256: string): Promise<string> {
  const owner = await deps.fingerprints.claim(file.partnerId, sha256, file.fileId);
  if (owner === file.fileId) return owner;
  const ownerFile = await deps.files.get(owner);
  if (ownerFile && blocksItsBytes(ownerFile)) return owner;
  return deps.fingerprints.takeOver(file.partnerId, sha256, owner, file.fileId);
}

/** The version the file was pinned to when it was first read (size, hash and lines all come from it). */
const pinnedObject = (file: ChannelFileData): ObjectVersion => ({
  key: file.objectKey,
  ...(file.objectVersionId === undefined ? {} : { versionId: file.objectVersionId }),
});

async function storeBatch(deps: IngestDeps, file: StoredFile, batch: ParsedBatch): Promise<StoredFile> {
  const stored =
    batch.accepted.length > 0 ? await storeChannelLines(deps.lines, file.fileId, batch.accepted) : [];
  const duplicates = stored
    .filter((entry) => entry.outcome === 'duplicate_in_file')
    .map(
      ({ line }): RejectedLine => ({
        sourceLineNumber: line.sourceLineNumber,
        raw: batch.rawText.get(line) ?? '',
        reasons: [{ field: 'line', message: 'the file already has a line with this natural key' }],
      }),
    );
  const rejected = [...batch.rejected, ...duplicates].map(storableRejection);
  if (rejected.length > 0) await deps.lines.storeRejections(file, rejected);
  const counts: ChannelFileCounts = {
    lines: batch.accepted.length + batch.rejected.length,
    accepted: count(stored, 'accepted'),
    restated: count(stored, 'restated'),
    unchanged: count(stored, 'unchanged'),
    rejected: rejected.length,
  };
  return update(deps, file, {
    checkpointLine: batch.lastLineNumber,
    counts: addCounts(file.counts, counts),
  });
}

const count = (stored: readonly ClassifiedLine[], outcome: LineOutcome) =>
  stored.filter((entry) => entry.outcome === outcome).length;

async function update(
  deps: IngestDeps,
  file: StoredFile,
  changes: Partial<ChannelFileData>,
): Promise<StoredFile> {
  const { version: _v, createdAt: _c, updatedAt: _u, ...data } = file;
  return replaceVersioned(deps.files, deps.clock, file, file.version, { ...data, ...changes });
}

async function finish(deps: IngestDeps, file: StoredFile): Promise<ProcessResult> {
  const detail: ChannelFileProcessedV1 = channelFileProcessedV1.parse({
    version: 1,
    fileId: file.fileId,
    partnerId: file.partnerId,
    kind: file.kind,
    status: file.status,
    counts: file.counts ?? zeroCounts,
    ...(file.duplicateOf ? { duplicateOf: file.duplicateOf } : {}),
    ...(file.failureReason ? { failureReason: file.failureReason } : {}),
    occurredAt: deps.clock().toISOString(),
  });
  await deps.events.publish({ source, detailType, detail });
  return { done: true, status: file.status };
}
