import type { NormalizedSaleLine } from '../../domain/ingestion/ingest-types';
import { putAll } from '../../functions/adapters/dynamo-batch';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { partitionPage } from '../../functions/adapters/table-access';
import { salesByPeriodPartition } from '../../functions/adapters/table-keys/channel-lines';
import { saleLineItem } from './ours';

/** The bundle-size and cold-start handler of our layer: a page of a partner-month's sales, then a batch write. */
const table = process.env.TABLE_NAME ?? 'chrm';
// The handlers' client: partition reads go through its read client (readClientOf).
const client = createDocumentClient({ TABLE_NAME: table, AWS_REGION: process.env.AWS_REGION ?? 'us-east-1' });

export async function handler(event: {
  readonly partnerId: string;
  readonly month: string;
  readonly lines: readonly NormalizedSaleLine[];
}) {
  const page = await partitionPage(client, table, {
    index: 'gsi1',
    partition: salesByPeriodPartition(event.partnerId, event.month, 0),
    page: { limit: 100 },
  });
  await putAll(client, table, event.lines.map(saleLineItem));
  return page.items.length;
}
