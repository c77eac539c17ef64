import { channelFileProcessedV1, detailType, source } from '../../events/channel-file-processed.v1';
import { getVersioned, replaceVersioned } from '../master-data/versioned-record';
import { finalStatuses } from './channel-file';
import type { IngestDeps } from './ports';

/**
 * Records that the ingest workflow gave up on a file (after its retries), with the reason, and tells
 * listeners. The lines it stored before the failure are withdrawn first (the versions they replaced are in
 * force again), so a file is never half-applied; the same bytes may then be sent again.
 */
export async function markFileFailed(
  deps: Pick<IngestDeps, 'files' | 'lines' | 'events' | 'clock'>,
  input: { readonly fileId: string; readonly reason: string },
): Promise<void> {
  const file = await getVersioned(deps.files, input.fileId, 'Channel file');
  if (finalStatuses.includes(file.status)) return;
  await deps.lines.withdrawFileLines(file.fileId);
  const { version: _v, createdAt: _c, updatedAt: _u, ...data } = file;
  const failed = await replaceVersioned(deps.files, deps.clock, file, file.version, {
    ...data,
    status: 'failed',
    failureReason: input.reason.slice(0, 1000),
    completedAt: deps.clock().toISOString(),
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
