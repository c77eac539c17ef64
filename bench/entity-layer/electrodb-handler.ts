import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NormalizedSaleLine } from '../../domain/ingestion/ingest-types';
import { saleLineEntity } from './electrodb-sale-line';

/** The same handler as ours-handler.ts through an ElectroDB entity (its query and its batch put). */
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
const saleLines = saleLineEntity(client, process.env.TABLE_NAME ?? 'chrm');

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
