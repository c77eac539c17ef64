import { z } from 'zod';
import type { PriceProtectionDeps } from '../../domain/price-protection/run-price-protection';
import { DynamoChannelQueries } from '../adapters/dynamo-channel-queries';
import { DynamoClaimStore } from '../adapters/dynamo-claim-store';
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoPriceProtectionStore } from '../adapters/dynamo-price-protection-store';
import { createEventBridgeClient, EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { masterDataStores } from '../adapters/master-data-stores';
import { claimSettings } from '../claims/create-claim-deps';

/** Settings of the price protection functions: the table, and the bus a reviewed claim's `ClaimSubmitted` goes on. */
export const priceProtectionSettings = claimSettings;
const settingsSchema = z.object({
  TABLE_NAME: z.string(),
  AWS_REGION: z.string(),
  DYNAMODB_ENDPOINT: z.url().optional(),
  ...priceProtectionSettings,
});
export type PriceProtectionSettings = z.infer<typeof settingsSchema>;

/** Wires price protection to DynamoDB (runs, lines, claims, price entries, channel data) and EventBridge. */
export function createPriceProtectionDeps(settings: PriceProtectionSettings): PriceProtectionDeps {
  const client = createDocumentClient(settings);
  const table = settings.TABLE_NAME;
  return {
    store: new DynamoPriceProtectionStore(client, table),
    claims: new DynamoClaimStore(client, table),
    channel: new DynamoChannelQueries(client, table),
    priceEntries: masterDataStores(client, table).priceEntries,
    events: new EventBridgePublisher(
      createEventBridgeClient({ region: settings.AWS_REGION, endpoint: settings.EVENTS_ENDPOINT }),
      settings.EVENT_BUS_NAME,
    ),
    clock: () => new Date(),
  };
}
