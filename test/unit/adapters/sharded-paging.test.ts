import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamoChannelQueries } from '../../../functions/adapters/dynamo-channel-queries';
import { createDocumentClient } from '../../../functions/adapters/dynamo-client';
import { rejectedLinesPartition, shardCount } from '../../../functions/adapters/table-keys/channel-lines';

const settings = { TABLE_NAME: 't', AWS_REGION: 'us-east-1', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' };

/**
 * A sharded partition (a file's rejected lines) faked behind `send`, answering Query as DynamoDB does: items in
 * sort-key order, at most `Limit`, and a LastEvaluatedKey whenever the limit stopped the read.
 */
function shardedTable(linesPerShard: readonly number[]) {
  const client = createDocumentClient(settings);
  const partitions = new Map(
    linesPerShard.map((count, shard) => [
      rejectedLinesPartition('F', shard),
      Array.from({ length: count }, (_, n) => ({
        pk: rejectedLinesPartition('F', shard),
        sk: `LINE#${String(n).padStart(4, '0')}`,
        id: `${shard}/${n}`,
      })),
    ]),
  );
  mockClient(client)
    .on(QueryCommand)
    .callsFake((input) => {
      const partition = partitions.get(input.ExpressionAttributeValues[':pk']) ?? [];
      const after = input.ExclusiveStartKey?.sk as string | undefined;
      const rest = partition.filter((item) => after === undefined || item.sk > after);
      const items = rest.slice(0, input.Limit);
      const last = items.at(-1);
      return items.length === input.Limit && last
        ? { Items: items, LastEvaluatedKey: { pk: last.pk, sk: last.sk } }
        : { Items: items };
    });
  return new DynamoChannelQueries(client, 't');
}

describe('sharded listings', () => {
  it('every line is listed once, in shard order, for any shard sizes and page size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 })), {
          minLength: shardCount,
          maxLength: shardCount,
        }),
        fc.integer({ min: 1, max: 25 }),
        async (linesPerShard, limit) => {
          const queries = shardedTable(linesPerShard);
          const listed: string[] = [];
          let cursor: string | undefined;
          for (let pages = 0; pages < 1000; pages++) {
            const page = await queries.fileRejections('F', { limit, ...(cursor ? { cursor } : {}) });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            listed.push(...page.items.map((item) => String(item.id)));
            cursor = page.nextCursor;
            if (!cursor) break;
            // A page that ends with a cursor is full: the listing never hands out short pages midway.
            expect(page.items).toHaveLength(limit);
          }
          const expected = linesPerShard.flatMap((count, shard) =>
            Array.from({ length: count }, (_, n) => `${shard}/${n}`),
          );
          expect(listed).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });
});
