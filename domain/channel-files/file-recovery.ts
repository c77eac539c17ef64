import type { Actor, Role } from '../access/actor';
import { requireRole, requireVisibleTo } from '../access/policies';
import { StateConflictError, ValidationError } from '../shared/errors';
import type { Stored } from '../shared/ports';
import { getVersioned, recordData, replaceVersioned } from '../shared/versioned-record';
import { type ChannelFileData, type FileOperation, finalStatuses, zeroCounts } from './channel-file';
import { markFileFailed } from './mark-file-failed';
import type { FileRecoveryDeps } from './ports';

/**
 * Who may retry or fail a file: the roles that run the channel programs and may upload for a partner.
 * Partners may not (a partner re-uploads instead); approvers and finance read channel data only.
 */
export const fileOperators: readonly Role[] = ['admin', 'channel_manager'];

/**
 * A file whose record has not changed for this long has no ingest working on it: a running task stores
 * a checkpoint every batch (seconds), and a task call never outlives Lambda's 15-minute limit.
 */
export const staleAfterMs = 20 * 60_000;

/** In flight: the ingest has the file (or should have it) and no outcome is recorded yet. */
export const inFlightStatuses: readonly ChannelFileData['status'][] = ['received', 'processing'];

export const isStale = (file: Stored<ChannelFileData>, now: Date) =>
  inFlightStatuses.includes(file.status) && now.getTime() - Date.parse(file.updatedAt) >= staleAfterMs;

/**
 * Starts the ingest of a file again, as a new workflow execution `<fileId>-attempt-<n>` (the upload's own
 * execution is named after the file, and names are never reused). The attempt is counted and audited on
 * the file first, under its version, so two restarts that race start one execution; the ingest resumes
 * from the file's checkpoint, with the object version it pinned. A failed file's lines were withdrawn when
 * it failed, so its ingest starts again from the first line with zero counts; it goes back to `processing`
 * once fingerprinted, else `received`.
 */
export async function restartIngest(
  deps: FileRecoveryDeps,
  file: Stored<ChannelFileData>,
  operation: FileOperation,
): Promise<Stored<ChannelFileData>> {
  const { failureReason: _reason, completedAt: _completed, ...data } = recordData(file);
  const attempt = (file.ingestAttempts ?? 0) + 1;
  const restarted = await replaceVersioned(deps.files, deps.clock, file, file.version, {
    ...data,
    status: file.sha256 === undefined ? 'received' : 'processing',
    ...(file.status === 'failed' ? { checkpointLine: 0, counts: zeroCounts } : {}),
    ingestAttempts: attempt,
    operations: [...(file.operations ?? []), operation],
  });
  await deps.workflow.start(file.fileId, `${file.fileId}-attempt-${attempt}`);
  return restarted;
}

/** Staff retry: only a failed file, or one whose ingest stopped (in flight with a stale heartbeat). */
export async function retryChannelFile(
  deps: FileRecoveryDeps,
  actor: Actor,
  input: { readonly fileId: string },
): Promise<Stored<ChannelFileData>> {
  const file = await operableFile(deps, actor, input.fileId);
  const now = deps.clock();
  if (file.status !== 'failed' && !isStale(file, now)) {
    throw new StateConflictError(
      inFlightStatuses.includes(file.status)
        ? `File '${file.fileId}' is being ingested (last progress ${file.updatedAt}); retry it once it fails or makes no progress for ${staleAfterMs / 60_000} minutes`
        : `File '${file.fileId}' is ${file.status}; only a failed or stalled file can be retried`,
    );
  }
  return restartIngest(deps, file, { action: 'retry', by: actor.userId, at: now.toISOString() });
}

/** Staff fail: any file without an outcome yet, with the reason, which the file and its event carry. */
export async function failChannelFile(
  deps: Omit<FileRecoveryDeps, 'workflow'>,
  actor: Actor,
  input: { readonly fileId: string; readonly reason: string },
): Promise<Stored<ChannelFileData>> {
  const file = await operableFile(deps, actor, input.fileId);
  const reason = input.reason.trim();
  if (reason === '') {
    throw new ValidationError('Say why the file fails', [{ path: 'reason', message: 'is required' }]);
  }
  if (finalStatuses.includes(file.status)) {
    throw new StateConflictError(`File '${file.fileId}' is already ${file.status}`);
  }
  const at = deps.clock().toISOString();
  await markFileFailed(deps, {
    fileId: file.fileId,
    reason,
    operation: { action: 'fail', by: actor.userId, at, reason },
  });
  return getVersioned(deps.files, file.fileId, 'Channel file');
}

async function operableFile(deps: Pick<FileRecoveryDeps, 'files'>, actor: Actor, fileId: string) {
  const file = await getVersioned(deps.files, fileId, 'Channel file');
  requireVisibleTo(actor, file.partnerId, 'Channel file');
  requireRole(actor, fileOperators);
  return file;
}
