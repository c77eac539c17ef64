import type { S3Event } from 'aws-lambda';
import { z } from 'zod';
import { parseUploadObjectKey } from '../../domain/channel-files/channel-file';
import { createSfnClient } from '../adapters/sfn-client';
import { SfnIngestWorkflow } from '../adapters/sfn-ingest-workflow';
import { channelData } from '../channel-data/channel-data-deps';
import { loadSettings } from '../shared/config';
import { logger } from '../shared/logger';

const settings = loadSettings({
  INGEST_STATE_MACHINE_ARN: z.string().min(1),
  SFN_ENDPOINT: z.url().optional(),
});
const workflow = new SfnIngestWorkflow(
  createSfnClient({ region: settings.AWS_REGION, endpoint: settings.SFN_ENDPOINT }),
  settings.INGEST_STATE_MACHINE_ARN,
);

/** S3 event keys are URL-encoded, with `+` for spaces. */
const decodeKey = (key: string) => decodeURIComponent(key.replace(/\+/g, ' '));

/**
 * S3 ObjectCreated under `uploads/`: starts the ingest workflow for the file the key names. The execution is
 * named after the file, so S3's at-least-once delivery never ingests a file twice. Objects that no upload
 * request announced (or whose key names another partner than the request) are logged and left unread.
 */
export const handler = async (event: S3Event): Promise<void> => {
  for (const record of event.Records) {
    const key = decodeKey(record.s3.object.key);
    const parsed = parseUploadObjectKey(key);
    const file = parsed && (await channelData.files.get(parsed.fileId));
    if (!parsed || !file || file.partnerId !== parsed.partnerId || file.objectKey !== key) {
      logger.warn('Object without a matching upload request; not ingested', { key });
      continue;
    }
    await workflow.start(file.fileId, file.fileId);
  }
};
