import { QueryCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { ChannelLineQueries, StoredLine } from '../../domain/channel-files/ports';
import type { InventorySnapshotLine } from '../../domain/ingestion/ingest-types';
import type { Page, PageRequest } from '../../domain/shared/ports';
import { readClientOf } from './dynamo-client';
import { everyShard, salesShards } from './line-change-counters';
import { allItems } from './table-access';
import { cursorOf, positionOf, type TablePosition } from './table-cursor';
import {
  fileLinesPartition,
  inventoryByPeriodPartition,
  inventorySnapshotRange,
  inventorySnapshotsPartition,
  productSalesPartition,
  productSalesRange,
  rejectedLinesPartition,
  salesByPeriodPartition,
  shardCount,
} from './table-keys/channel-lines';

const storageAttributes = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'contentHash',
]);
const withoutStorage = (item: Record<string, unknown>): StoredLine =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !storageAttributes.has(name)));

/** One page's Query: a partition (and range) of the table or an index, its values as plain strings. */
interface PageQuery {
  readonly IndexName?: string;
  readonly KeyConditionExpression: string;
  readonly ExpressionAttributeValues: Record<string, string>;
}

/**
 * Channel-data queries. Sharded partitions (see table-keys/channel-lines.ts) are read shard after shard; the
 * cursor says which shard and where in it the next page starts, so paging never skips or repeats a line.
 * Pages are read through the document client's low-level sibling (`readClientOf`: middleware resolved once
 * per client, not per call) and converted here with util-dynamodb, as the document client would.
 */
export class DynamoChannelQueries implements ChannelLineQueries {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  fileLines(fileId: string, page: PageRequest) {
    return this.sharded(page, (shard) => ({
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': fileLinesPartition(fileId, shard) },
    }));
  }

  fileRejections(fileId: string, page: PageRequest) {
    return this.sharded(page, (shard) => ({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': rejectedLinesPartition(fileId, shard) },
    }));
  }

  /** Only the shards the partner-month's shard directory lists (none for a month without lines). */
  async salesInMonth(partnerId: string, month: string, page: PageRequest) {
    const shards = await salesShards(readClientOf(this.client), this.tableName, partnerId, month);
    return this.sharded(
      page,
      (shard) => ({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': salesByPeriodPartition(partnerId, month, shard) },
      }),
      shards,
    );
  }

  async salesOfProduct(partnerId: string, sku: string, from: string, to: string, page: PageRequest) {
    const cursor = positionOf(page.cursor);
    return this.queryPage(
      {
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': productSalesPartition(partnerId, sku),
          ':from': productSalesRange(from, to).from,
          ':to': productSalesRange(from, to).to,
        },
      },
      page.limit,
      cursor.key,
      (key) => cursorOf({ shard: 0, key }),
    );
  }

  async inventorySnapshots(partnerId: string, sku: string, from: string, to: string) {
    const range = inventorySnapshotRange(from, to);
    const items = await allItems(this.client, this.tableName, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': inventorySnapshotsPartition(partnerId, sku),
        ':from': range.from,
        ':to': range.to,
      },
    });
    return items.map(withoutStorage) as unknown as InventorySnapshotLine[];
  }

  /** A partner's current snapshots of every product dated in one month (the month index; history has none). */
  async inventorySnapshotsOfMonth(partnerId: string, month: string) {
    const items = await allItems(this.client, this.tableName, {
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': inventoryByPeriodPartition(partnerId, month) },
    });
    return items.map(withoutStorage) as unknown as InventorySnapshotLine[];
  }

  /**
   * A page read shard after shard, over `shards` (ascending; every shard unless a directory says fewer hold
   * lines): from the cursor's place in its shard, else from the first listed shard at or after its own.
   */
  private async sharded(
    page: PageRequest,
    query: (shard: number) => PageQuery,
    shards: readonly number[] = everyShard,
  ) {
    const start = positionOf(page.cursor, shardCount);
    const first = start.key === undefined ? shards.find((shard) => shard >= start.shard) : start.shard;
    if (first === undefined) return { items: [] };
    let cursor: TablePosition = { ...start, shard: first };
    const items: StoredLine[] = [];
    while (items.length < page.limit) {
      const { shard } = cursor;
      const result = await this.queryPage(query(shard), page.limit - items.length, cursor.key, (key) =>
        cursorOf({ shard, key }),
      );
      items.push(...result.items);
      if (result.nextCursor) return { items, nextCursor: result.nextCursor };
      const next = shards.find((later) => later > shard);
      if (next === undefined) return { items };
      cursor = { shard: next };
    }
    return { items, nextCursor: cursorOf(cursor) };
  }

  private async queryPage(
    input: PageQuery,
    limit: number,
    startKey: Readonly<Record<string, unknown>> | undefined,
    cursorAfter: (key: Record<string, unknown>) => string,
  ): Promise<Page<StoredLine>> {
    const result = await readClientOf(this.client).send(
      new QueryCommand({
        ...input,
        ExpressionAttributeValues: marshall(input.ExpressionAttributeValues),
        TableName: this.tableName,
        Limit: limit,
        ...(startKey ? { ExclusiveStartKey: marshall(startKey) } : {}),
      }),
    );
    const items = (result.Items ?? []).map((item) => withoutStorage(unmarshall(item)));
    return result.LastEvaluatedKey
      ? { items, nextCursor: cursorAfter(unmarshall(result.LastEvaluatedKey)) }
      : { items };
  }
}
