import { z } from 'zod';
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoInFlightFiles } from '../adapters/dynamo-in-flight-files';
import { createSfnClient } from '../adapters/sfn-client';
import { SfnIngestWorkflow } from '../adapters/sfn-ingest-workflow';
import { channelDataSettings, loadSettings } from '../shared/config';
import { channelData } from './channel-data-deps';

const settings = loadSettings({
  ...channelDataSettings,
  INGEST_STATE_MACHINE_ARN: z.string().min(1),
  SFN_ENDPOINT: z.url().optional(),
});

/** Built once per Lambda container: channel data plus the ingest workflow and the files in flight. */
export const fileRecovery = {
  ...channelData,
  workflow: new SfnIngestWorkflow(
    createSfnClient({ region: settings.AWS_REGION, endpoint: settings.SFN_ENDPOINT }),
    settings.INGEST_STATE_MACHINE_ARN,
  ),
  inFlight: new DynamoInFlightFiles(createDocumentClient(settings), settings.TABLE_NAME),
};
