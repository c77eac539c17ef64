import { BatchPutRequest } from 'dynamodb-toolbox/entity/actions/batchPut';
import { BatchWriteCommand, execute as executeBatchWrite } from 'dynamodb-toolbox/table/actions/batchWrite';
import type { NormalizedSaleLine } from '../../domain/ingestion/ingest-types';
import { chunks, inParallel } from '../../functions/adapters/dynamo-batch';
import type { saleLineEntity } from './toolbox-sale-line';

/**
 * Puts every line through DynamoDB-Toolbox's batch write. The library sends one BatchWriteItem per command and
 * leaves the 25-item split and the requests in flight to the caller (ours: `chunks` and `inParallel`, 8 at a
 * time, as putAll); it resends unprocessed items up to `maxAttempts` times, without backoff.
 */
export async function putSaleLines(
  entity: ReturnType<typeof saleLineEntity>,
  lines: readonly NormalizedSaleLine[],
): Promise<void> {
  await inParallel(chunks(lines, 25), async (chunk) => {
    const { UnprocessedItems } = await executeBatchWrite(
      { maxAttempts: 12 },
      entity.table
        .build(BatchWriteCommand)
        .requests(...chunk.map((line) => entity.build(BatchPutRequest).item(line))),
    );
    const left = Object.values(UnprocessedItems ?? {}).flat().length;
    if (left > 0) throw new Error(`${left} items stayed unprocessed after 12 attempts`);
  });
}
