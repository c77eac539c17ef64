import { randomBytes } from 'node:crypto';
import { channelDataStores } from '../adapters/channel-data-stores';
import { DynamoChannelLines } from '../adapters/dynamo-channel-lines';
import { DynamoChannelQueries } from '../adapters/dynamo-channel-queries';
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoFileFingerprints } from '../adapters/dynamo-file-fingerprints';
import { createEventBridgeClient, EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { DynamoIngestReferenceData } from '../adapters/ingest-reference-data';
import { masterDataStores } from '../adapters/master-data-stores';
import { createS3Client } from '../adapters/s3-client';
import { S3Uploads } from '../adapters/s3-uploads';
import type { ChannelDataSettings } from '../shared/config';
import { createShipAndDebitClaimDeps } from '../ship-and-debit/ship-and-debit-deps';

/** Time-ordered ids (listing a partner's files by id lists them by upload time): ms in base 36 + randomness. */
export const newFileId = () =>
  `${Date.now().toString(36).padStart(9, '0')}-${randomBytes(6).toString('hex')}`;

/**
 * Wires the channel-data use cases to DynamoDB, S3 and EventBridge; an uploaded ship & debit claim file is
 * submitted with the ship & debit claim deps (same table and bus).
 */
export function createChannelDataDeps(settings: ChannelDataSettings) {
  const client = createDocumentClient(settings);
  const table = settings.TABLE_NAME;
  const master = masterDataStores(client, table);
  const stores = channelDataStores(client, table);
  const uploads = new S3Uploads(
    createS3Client({ region: settings.AWS_REGION, endpoint: settings.S3_ENDPOINT }),
    settings.UPLOADS_BUCKET,
  );
  return {
    partners: master.partners,
    files: stores.files,
    profiles: stores.mappingProfiles,
    partnerSkus: stores.partnerSkus,
    products: master.products,
    signer: uploads,
    objects: uploads,
    lines: new DynamoChannelLines(client, table),
    queries: new DynamoChannelQueries(client, table),
    fingerprints: new DynamoFileFingerprints(client, table),
    reference: new DynamoIngestReferenceData(client, table, master.partners, stores.mappingProfiles),
    events: new EventBridgePublisher(
      createEventBridgeClient({ region: settings.AWS_REGION, endpoint: settings.EVENTS_ENDPOINT }),
      settings.EVENT_BUS_NAME,
    ),
    shipAndDebitClaims: createShipAndDebitClaimDeps(settings),
    newId: newFileId,
    clock: () => new Date(),
  };
}
