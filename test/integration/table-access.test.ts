import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/shared/errors';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import {
  allItems,
  type PartitionQuery,
  partitionPage,
  partitionPages,
  type TableItem,
} from '../../functions/adapters/table-access';
import { positionOf } from '../../functions/adapters/table-cursor';
import { loadConfig } from '../../functions/shared/config';
import { countCommands, type SentCommand } from '../support/dynamodb-calls';
import { createTestTable } from '../support/test-table';

let client: DynamoDBDocumentClient;
let tableName: string;
/** Every command the client (or its read client) sends, in order. */
let sent: readonly SentCommand[];

// One partition of five items (sk A#1..A#3, B#1, B#2), each also in gsi1 partition G with the reverse order.
const partition = 'TA#P';
const sortKeys = ['A#1', 'A#2', 'A#3', 'B#1', 'B#2'];

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  tableName = config.TABLE_NAME;
  client = createDocumentClient(config);
  ({ sent } = countCommands(client));
  for (const [index, sk] of sortKeys.entries()) {
    const item = {
      pk: partition,
      sk,
      gsi1pk: 'TA#G',
      gsi1sk: `${9 - index}`,
      name: sk,
      size: index,
      status: 'x',
    };
    await client.send(new PutCommand({ TableName: tableName, Item: item }));
  }
});

/** Every page of `query`, `limit` items at a time, following the cursors; the Query count beside them. */
async function pagedThrough(query: PartitionQuery, limit: number) {
  const before = sent.length;
  const pages: (readonly TableItem[])[] = [];
  let cursor: string | undefined;
  do {
    const page = await partitionPage(client, tableName, { ...query, page: { limit, cursor } });
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { names: pages.map((page) => page.map((item) => item.name)), queries: sent.length - before };
}

describe('partitionPage', () => {
  it('pages a table partition in sort-key order, two at a time: A#1 A#2 | A#3 B#1 | B#2, one Query a page', async () => {
    const { names, queries } = await pagedThrough({ partition }, 2);
    expect(names).toEqual([['A#1', 'A#2'], ['A#3', 'B#1'], ['B#2']]);
    expect(queries).toBe(3);
  });

  it('reads only the sort keys a condition names: prefix A#, A#2..B#1 inclusive, below B#', async () => {
    const read = async (query: PartitionQuery) =>
      (await allItems(client, tableName, query)).map((item) => item.name);
    expect(await read({ partition, sortKey: { beginsWith: 'A#' } })).toEqual(['A#1', 'A#2', 'A#3']);
    expect(await read({ partition, sortKey: { between: { from: 'A#2', to: 'B#1' } } })).toEqual([
      'A#2',
      'A#3',
      'B#1',
    ]);
    expect(await read({ partition, sortKey: { below: 'B#' } })).toEqual(['A#1', 'A#2', 'A#3']);
  });

  it('reads an index partition newest first: gsi1 sort keys 9..5 descending are A#1..B#2', async () => {
    const { names } = await pagedThrough({ index: 'gsi1', partition: 'TA#G', newestFirst: true }, 10);
    expect(names).toEqual([['A#1', 'A#2', 'A#3', 'B#1', 'B#2']]);
  });

  it('filters after the key condition and reads only the projected attributes, reserved words included', async () => {
    const page = await partitionPage(client, tableName, {
      partition,
      filter: { expression: '#size >= :least', names: { '#size': 'size' }, values: { ':least': 3 } },
      projection: ['name', 'status'],
      consistent: true,
      page: { limit: 10 },
    });
    expect(page).toEqual({
      items: [
        { name: 'B#1', status: 'x' },
        { name: 'B#2', status: 'x' },
      ],
    });
  });

  it("hands out the table cursor codec's cursor (the last key read) and refuses one it did not issue", async () => {
    const first = await partitionPage(client, tableName, { partition, page: { limit: 1 } });
    expect(positionOf(first.nextCursor)).toEqual({ shard: 0, key: { pk: partition, sk: 'A#1' } });
    await expect(
      partitionPage(client, tableName, {
        partition,
        page: { limit: 1, cursor: '{"shard":0,"key":{"x":"y"}}' },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('partitionPages and allItems', () => {
  it('read a partition past one 1 MB response: 12 items of 100 kB in two pages, one Query each, in order', async () => {
    const big = 'TA#BIG';
    const padding = 'x'.repeat(100_000);
    for (let n = 0; n < 12; n++) {
      const Item = { pk: big, sk: String(n).padStart(2, '0'), padding };
      await client.send(new PutCommand({ TableName: tableName, Item }));
    }
    const before = sent.length;
    const pages: string[][] = [];
    for await (const page of partitionPages(client, tableName, { partition: big, projection: ['sk'] })) {
      pages.push(page.map((item) => String(item.sk)));
    }
    // The 1 MB is counted before the projection: the projected read pages as the whole one does.
    expect(pages).toHaveLength(2);
    expect(pages.flat()).toEqual(Array.from({ length: 12 }, (_, n) => String(n).padStart(2, '0')));
    const all = await allItems(client, tableName, { partition: big });
    expect(all.map((item) => item.sk)).toEqual(pages.flat());
    expect(sent.length - before).toBe(4);
  });
});
