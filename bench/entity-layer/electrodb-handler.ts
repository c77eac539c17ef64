import type { NormalizedSaleLine } from '../../domain/ingestion/ingest-types';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { saleLineEntity } from './electrodb-sale-line';

/**
 * The same handler as ours-handler.ts through an ElectroDB entity (its query and its batch put), on the same
 * client, so the bundles differ by the layer alone.
 */
const table = process.env.TABLE_NAME ?? 'chrm';
const client = createDocumentClient({ TABLE_NAME: table, AWS_REGION: process.env.AWS_REGION ?? 'us-east-1' });
const saleLines = saleLineEntity(client, table);

export async function handler(event: {
  readonly partnerId: string;
  readonly month: string;
  readonly lines: readonly NormalizedSaleLine[];
}) {
  const page = await saleLines.query
    .byPeriod({ partnerId: event.partnerId, month: event.month, salesShard: 0 })
    .go({ limit: 100 });
  await saleLines.put([...event.lines]).go();
  return page.data.length;
}
