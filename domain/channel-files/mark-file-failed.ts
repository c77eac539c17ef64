import { channelFileProcessedV1, detailType, source } from '../../events/channel-file-processed.v1';
import { getVersioned, recordData, replaceVersioned } from '../shared/versioned-record';
import { type FileOperation, finalStatuses } from './channel-file';
import type { IngestDeps } from './ports';

/**
 * Records that a file's ingest failed, with the reason, and tells listeners: the workflow gave up after its
 * retries, or staff or the reconciler failed it (`operation`, kept on the file as the audit trail). The lines
 * it stored before the failure are withdrawn first (the versions they replaced are in force again), so a file
 * is never half-applied. A final file is left alone.
 */
export async function markFileFailed(
  deps: Pick<IngestDeps, 'files' | 'events' | 'clock'> & {
    readonly lines: Pick<IngestDeps['lines'], 'withdrawFileLines'>;
  },
  input: { readonly fileId: string; readonly reason: string; readonly operation?: FileOperation },
): Promise<void> {
  const file = await getVersioned(deps.files, input.fileId, 'Channel file');
  if (finalStatuses.includes(file.status)) return;
  await deps.lines.withdrawFileLines(file.fileId);
  const data = recordData(file);
  const failed = await replaceVersioned(deps.files, deps.clock, file, file.version, {
    ...data,
    status: 'failed',
    failureReason: input.reason.slice(0, 1000),
    completedAt: deps.clock().toISOString(),
    ...(input.operation ? { operations: [...(data.operations ?? []), input.operation] } : {}),
  });
  const detail = channelFileProcessedV1.parse({
    version: 1,
    fileId: failed.fileId,
    partnerId: failed.partnerId,
    kind: failed.kind,
    status: 'failed',
    counts: failed.counts,
    failureReason: failed.failureReason,
    occurredAt: deps.clock().toISOString(),
  });
  await deps.events.publish({ source, detailType, detail });
}
