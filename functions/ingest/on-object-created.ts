import type { S3Event } from 'aws-lambda';
import { z } from 'zod';
import { startIngestOnUpload } from '../../domain/channel-files/start-ingest-on-upload';
import { createSfnClient } from '../adapters/sfn-client';
import { SfnIngestWorkflow } from '../adapters/sfn-ingest-workflow';
import { channelData } from '../channel-data/channel-data-deps';
import { loadSettings } from '../shared/config';
import { lambdaEntry } from '../shared/entry-points';
import { logger } from '../shared/logger';

const settings = loadSettings({
  INGEST_STATE_MACHINE_ARN: z.string().min(1),
  SFN_ENDPOINT: z.url().optional(),
});
const deps = {
  files: channelData.files,
  workflow: new SfnIngestWorkflow(
    createSfnClient({ region: settings.AWS_REGION, endpoint: settings.SFN_ENDPOINT }),
    settings.INGEST_STATE_MACHINE_ARN,
  ),
};

/** S3 event keys are URL-encoded, with `+` for spaces. */
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/** S3 ObjectCreated under `uploads/`: each object starts its file's ingest (see the use case). */
export const handler = lambdaEntry(async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const outcome = await startIngestOnUpload(deps, decodeKey(record.s3.object.key));
    if ('ignored' in outcome)
      logger.warn('Object without a matching upload request; not ingested', { key: outcome.ignored });
  }
});
