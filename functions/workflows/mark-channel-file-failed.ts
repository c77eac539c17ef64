import { markFileFailed } from '../../domain/channel-files/mark-file-failed';
import { ingestFailureTask } from '../../events/channel-file-tasks';
import { channelData } from '../channel-data/channel-data-deps';
import { workflowTask } from '../shared/entry-points';
import { logger } from '../shared/logger';

/** What the partner reads: the raw error (SDK text, stack details) goes to the log, never onto the file. */
export const internalFailureReason =
  'the file could not be ingested after repeated attempts because of an internal error; nothing of it was kept, and it may be sent again';

/** Workflow catch: the ingest task failed after its retries; withdraw its lines and record the failure. */
export const handler = workflowTask(ingestFailureTask, async ({ fileId, error }) => {
  logger.error('Ingesting a channel file failed after its retries', {
    error: error?.Error,
    cause: error?.Cause,
  });
  await markFileFailed(channelData, { fileId, reason: internalFailureReason });
  return { fileId, status: 'failed' };
});
