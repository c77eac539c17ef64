import { markFileFailed } from '../../domain/channel-files/mark-file-failed';
import { channelData } from '../channel-data/channel-data-deps';

/** Workflow catch: the ingest task failed after its retries; record why on the file. */
export const handler = async (event: { fileId: string; error?: { Error?: string; Cause?: string } }) => {
  const reason = [event.error?.Error, event.error?.Cause].filter(Boolean).join(': ') || 'Ingest failed';
  await markFileFailed(channelData, { fileId: event.fileId, reason });
  return { fileId: event.fileId, status: 'failed' };
};
