import { VersionConflictError } from '../shared/errors';
import { inFlightStatuses, restartIngest, staleAfterMs } from './file-recovery';
import { markFileFailed } from './mark-file-failed';
import type { FileRecoveryDeps, InFlightFiles } from './ports';

/** Restarts per file before the reconciler gives up on it. */
export const maxIngestAttempts = 3;

export interface ReconcileResult {
  readonly restarted: readonly string[];
  readonly failed: readonly string[];
}

/**
 * The safety net behind the ingest workflow (run on a schedule): a file in flight whose record has not
 * changed for `staleAfterMs` has no ingest working on it (its execution was lost, timed out or never
 * started). Each such file is restarted from its checkpoint, or, after `maxIngestAttempts` restarts,
 * failed with the reason. Both are audited on the file as done `by: 'reconciler'`. A file that changes
 * meanwhile loses the version race and is left to whoever changed it.
 */
export async function reconcileStuckFiles(
  deps: FileRecoveryDeps & { readonly inFlight: InFlightFiles },
  input: { readonly limit: number },
): Promise<ReconcileResult> {
  const now = deps.clock();
  const at = now.toISOString();
  const stale = await deps.inFlight.notUpdatedSince(
    new Date(now.getTime() - staleAfterMs).toISOString(),
    input.limit,
  );
  const restarted: string[] = [];
  const failed: string[] = [];
  for (const file of stale.filter((candidate) => inFlightStatuses.includes(candidate.status))) {
    const attempts = file.ingestAttempts ?? 0;
    try {
      if (attempts >= maxIngestAttempts) {
        const reason = `No ingest progress since ${file.updatedAt} after ${attempts} restarts; upload the file again or ask support`;
        await markFileFailed(deps, {
          fileId: file.fileId,
          reason,
          operation: { action: 'fail', by: 'reconciler', at, reason },
        });
        failed.push(file.fileId);
      } else {
        await restartIngest(deps, file, {
          action: 'retry',
          by: 'reconciler',
          at,
          reason: `no progress since ${file.updatedAt}`,
        });
        restarted.push(file.fileId);
      }
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  return { restarted, failed };
}
