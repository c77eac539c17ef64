import { processChannelFile } from '../../domain/channel-files/process-channel-file';
import { ingestFileTask } from '../../events/channel-file-tasks';
import { channelData } from '../channel-data/channel-data-deps';
import { workflowTask } from '../shared/entry-points';
import { countBusiness } from '../shared/observability';

/** Leave this much of the Lambda's time to store the last batch and answer the workflow. */
const safetyMarginMs = 60_000;

/** Workflow task: ingests a file until done or until its time is nearly up (then the workflow loops). */
export const handler = workflowTask(ingestFileTask, async ({ fileId }, context) => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - safetyMarginMs;
  const result = await processChannelFile(channelData, { fileId, deadline });
  // Once per file: the workflow is named after the file, and a final file ends it.
  const counts = result.done ? (await channelData.files.get(fileId))?.counts : undefined;
  if (counts) {
    countBusiness('ChannelFilesIngested', 1);
    countBusiness('LinesAccepted', counts.accepted + counts.restated);
    countBusiness('LinesRejected', counts.rejected);
  }
  return { fileId, ...result };
});
