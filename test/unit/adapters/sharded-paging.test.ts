import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DynamoChannelQueries } from '../../../functions/adapters/dynamo-channel-queries';
import { createDocumentClient, readClientOf } from '../../../functions/adapters/dynamo-client';
import {
  rejectedLinesPartition,
  salesByPeriodPartition,
  shardCount,
} from '../../../functions/adapters/table-keys/channel-lines';

const settings = { TABLE_NAME: 't', AWS_REGION: 'us-east-1', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' };

/**
 * A sharded partition faked behind `send` (a file's rejected lines, or P's sales of 2026-03 with its shard
 * directory), answering Query as DynamoDB does: items in sort-key order, at most `Limit`, and a
 * LastEvaluatedKey whenever the limit stopped the read. Notes the partitions queried.
 */
function shardedTable(
  linesPerShard: readonly number[],
  partitionOf: (shard: number) => string,
  directory?: readonly number[],
) {
  const client = createDocumentClient(settings);
  const queried: string[] = [];
  const partitions = new Map(
    linesPerShard.map((count, shard) => [
      partitionOf(shard),
      Array.from({ length: count }, (_, n) => ({
        pk: partitionOf(shard),
        sk: `LINE#${String(n).padStart(4, '0')}`,
        id: `${shard}/${n}`,
      })),
    ]),
  );
  // The listings read through the document client's low-level sibling: values marshalled both ways.
  const mock = mockClient(readClientOf(client));
  // DynamoDB holds no empty set: a month whose directory lists nothing has no counter item.
  mock
    .on(GetItemCommand)
    .resolves(directory?.length ? { Item: marshall({ changes: 1, shards: new Set(directory) }) } : {});
  mock.on(QueryCommand).callsFake((input) => {
    const pk = String(input.ExpressionAttributeValues[':pk'].S);
    queried.push(pk);
    const partition = partitions.get(pk) ?? [];
    const after = input.ExclusiveStartKey?.sk?.S as string | undefined;
    const rest = partition.filter((item) => after === undefined || item.sk > after);
    const items = rest.slice(0, input.Limit);
    const last = items.at(-1);
    return {
      Items: items.map((item) => marshall(item)),
      ...(items.length === input.Limit && last
        ? { LastEvaluatedKey: marshall({ pk: last.pk, sk: last.sk }) }
        : {}),
    };
  });
  return { queries: new DynamoChannelQueries(client, 't'), queried };
}

/** Every page of a listing, following its cursors; each page that has a cursor after it is full. */
async function allPages(list: (page: { limit: number; cursor?: string }) => Promise<Page>, limit: number) {
  const listed: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await list({ limit, ...(cursor ? { cursor } : {}) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    listed.push(...page.items.map((item) => String(item.id)));
    cursor = page.nextCursor;
    if (!cursor) break;
    // A page that ends with a cursor is full: the listing never hands out short pages midway.
    expect(page.items).toHaveLength(limit);
  }
  return listed;
}

type Page = { items: readonly Record<string, unknown>[]; nextCursor?: string };

const expectedLines = (linesPerShard: readonly number[]) =>
  linesPerShard.flatMap((count, shard) => Array.from({ length: count }, (_, n) => `${shard}/${n}`));

const shardSizes = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 })), {
  minLength: shardCount,
  maxLength: shardCount,
});

describe('sharded listings', () => {
  it('every line is listed once, in shard order, for any shard sizes and page size', async () => {
    await fc.assert(
      fc.asyncProperty(shardSizes, fc.integer({ min: 1, max: 25 }), async (linesPerShard, limit) => {
        const { queries } = shardedTable(linesPerShard, (shard) => rejectedLinesPartition('F', shard));
        const listed = await allPages((page) => queries.fileRejections('F', page), limit);
        expect(listed).toEqual(expectedLines(linesPerShard));
      }),
      { numRuns: 50 },
    );
  });

  it("a month's sales: every line listed once, in shard order, and no shard queried that its directory does not list", async () => {
    await fc.assert(
      fc.asyncProperty(
        shardSizes,
        fc.array(fc.boolean(), { minLength: shardCount, maxLength: shardCount }),
        fc.integer({ min: 1, max: 25 }),
        async (linesPerShard, alsoListed, limit) => {
          // The directory lists every shard holding lines, and maybe some whose lines were withdrawn.
          const directory = linesPerShard.flatMap((count, shard) =>
            count > 0 || alsoListed[shard] ? [shard] : [],
          );
          const partition = (shard: number) => salesByPeriodPartition('P', '2026-03', shard);
          const { queries, queried } = shardedTable(linesPerShard, partition, directory);
          const listed = await allPages((page) => queries.salesInMonth('P', '2026-03', page), limit);
          expect(listed).toEqual(expectedLines(linesPerShard));
          const listedPartitions = new Set(directory.map(partition));
          expect(queried.filter((one) => !listedPartitions.has(one))).toEqual([]);
        },
      ),
      { numRuns: 30 },
    );
  });
});
