import { reconcileStuckFiles } from '../../domain/channel-files/reconcile-stuck-files';
import { fileRecovery } from '../channel-data/file-recovery-deps';
import { lambdaEntry } from '../shared/entry-points';
import { logger } from '../shared/logger';

/** Scheduled: restarts or fails channel files whose ingest made no progress (see the use case). */
export const handler = lambdaEntry(async () => {
  const result = await reconcileStuckFiles(fileRecovery, { limit: 100 });
  if (result.restarted.length + result.failed.length > 0)
    logger.warn('Stuck channel files handled', { ...result });
  return result;
});
