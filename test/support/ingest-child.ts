/**
 * Runs the ingest of one file in a separate process, so a test can kill it mid-file (SIGKILL, no cleanup)
 * exactly as a Lambda host can die. Settings come from the environment, as in a Lambda.
 */
import { processChannelFile } from '../../domain/channel-files/process-channel-file';
import { createChannelDataDeps } from '../../functions/channel-data/create-channel-data-deps';
import { channelDataSettings, loadSettings } from '../../functions/shared/config';

const fileId = process.argv[2] ?? '';
await processChannelFile(createChannelDataDeps(loadSettings(channelDataSettings)), {
  fileId,
  deadline: Number.MAX_SAFE_INTEGER,
});
