import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChannelLineQueries, StoredLine } from '../../domain/channel-files/ports';
import type { Page, PageRequest } from '../../domain/shared/ports';
import { inventorySnapshotSchema } from './channel-line-items';
import { everyShard, FullShardDirectories, salesShards } from './line-change-counters';
import { readerOf } from './read-back';
import { allItems, type PartitionQuery, pageAfter, readQuery, storageStripper } from './table-access';
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

const withoutStorage: (item: Record<string, unknown>) => StoredLine = storageStripper('contentHash');
const readSnapshot = readerOf(inventorySnapshotSchema, withoutStorage);

/**
 * Channel-data queries. Sharded partitions (see table-keys/channel-lines.ts) are read shard after shard; the
 * cursor says which shard and where in it the next page starts, so paging never skips or repeats a line.
 * Pages are read with table-access's `readQuery`, the shard directory with its `getItem` (both on the read client).
 */
export class DynamoChannelQueries implements ChannelLineQueries {
  private readonly fullDirectories = new FullShardDirectories();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  fileLines(fileId: string, page: PageRequest) {
    return this.sharded(page, (shard) => ({ index: 'gsi3', partition: fileLinesPartition(fileId, shard) }));
  }

  fileRejections(fileId: string, page: PageRequest) {
    return this.sharded(page, (shard) => ({ partition: rejectedLinesPartition(fileId, shard) }));
  }

  /**
   * Only the shards the partner-month's shard directory lists (none for a month without lines); a directory seen
   * listing every shard is not read again (`FullShardDirectories`).
   */
  async salesInMonth(partnerId: string, month: string, page: PageRequest) {
    const shards = await salesShards(this.client, this.tableName, partnerId, month, this.fullDirectories);
    return this.sharded(
      page,
      (shard) => ({ index: 'gsi1', partition: salesByPeriodPartition(partnerId, month, shard) }),
      shards,
    );
  }

  async salesOfProduct(partnerId: string, sku: string, from: string, to: string, page: PageRequest) {
    const query = {
      index: 'gsi2',
      partition: productSalesPartition(partnerId, sku),
      sortKey: { between: productSalesRange(from, to) },
    } as const;
    return this.queryPage(query, page.limit, positionOf(page.cursor));
  }

  async inventorySnapshots(partnerId: string, sku: string, from: string, to: string) {
    const range = inventorySnapshotRange(from, to);
    const items = await allItems(this.client, this.tableName, {
      partition: inventorySnapshotsPartition(partnerId, sku),
      sortKey: { between: range },
    });
    return items.map(readSnapshot);
  }

  /** A partner's current snapshots of every product dated in one month (the month index; history has none). */
  async inventorySnapshotsOfMonth(partnerId: string, month: string) {
    const items = await allItems(this.client, this.tableName, {
      index: 'gsi1',
      partition: inventoryByPeriodPartition(partnerId, month),
    });
    return items.map(readSnapshot);
  }

  /**
   * A page read shard after shard, over `shards` (ascending; every shard unless a directory says fewer hold
   * lines): from the cursor's place in its shard, else from the first listed shard at or after its own.
   */
  private async sharded(
    page: PageRequest,
    query: (shard: number) => PartitionQuery,
    shards: readonly number[] = everyShard,
  ) {
    const start = positionOf(page.cursor, shardCount);
    const first = start.key === undefined ? shards.find((shard) => shard >= start.shard) : start.shard;
    if (first === undefined) return { items: [] };
    let cursor: TablePosition = { ...start, shard: first };
    const items: StoredLine[] = [];
    while (items.length < page.limit) {
      const { shard } = cursor;
      const result = await this.queryPage(query(shard), page.limit - items.length, cursor);
      items.push(...result.items);
      if (result.nextCursor) return { items, nextCursor: result.nextCursor };
      const next = shards.find((later) => later > shard);
      if (next === undefined) return { items };
      cursor = { shard: next };
    }
    return { items, nextCursor: cursorOf(cursor) };
  }

  /** One page of `query` from `start` (a position in its shard); the next page's cursor names that shard. */
  private async queryPage(
    query: PartitionQuery,
    limit: number,
    start: TablePosition,
  ): Promise<Page<StoredLine>> {
    const { items, lastKey } = await readQuery(this.client, this.tableName, query, {
      limit,
      start: start.key,
    });
    return pageAfter(items.map(withoutStorage), lastKey, start.shard);
  }
}
