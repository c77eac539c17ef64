import type { Context } from 'aws-lambda';
import { processChannelFile } from '../../domain/channel-files/process-channel-file';
import { channelData } from '../channel-data/channel-data-deps';

/** Leave this much of the Lambda's time to store the last batch and answer the workflow. */
const safetyMarginMs = 60_000;

/** Workflow task: ingests a file until done or until its time is nearly up (then the workflow loops). */
export const handler = async (event: { fileId: string }, context: Context) => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - safetyMarginMs;
  const result = await processChannelFile(channelData, { fileId: event.fileId, deadline });
  return { fileId: event.fileId, ...result };
};
