import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type PartnerMonth as InvoiceMonth,
  type PartnerMonthChanges,
  partnerMonthKey,
} from '../../domain/accrual-runs/line-state';
import type { ShardDirectory } from '../../domain/upgrades/read-model-backfill';
import { getAll, inParallel, itemKeyId } from './dynamo-batch';
import { getItem } from './table-access';
import { lineChangesKey, shardCount } from './table-keys/channel-lines';

/** A partner's invoice month, with the sales shard a sale line of it is in. */
export interface PartnerMonth extends InvoiceMonth {
  readonly shard?: number | undefined;
}

/**
 * Adds one to the counter of each distinct partner-month (created at 1 when absent), and adds the shards given
 * to its shard directory (see table-keys/channel-lines.ts), so a listing reads a shard once a line may be in it.
 */
export async function bumpLineChanges(
  client: DynamoDBDocumentClient,
  tableName: string,
  partnerMonths: readonly PartnerMonth[],
): Promise<void> {
  const distinct = new Map<string, { partnerId: string; month: string; shards: Set<number> }>();
  for (const partnerMonth of partnerMonths) {
    const id = partnerMonthKey(partnerMonth);
    const entry = distinct.get(id) ?? { ...partnerMonth, shards: new Set<number>() };
    if (partnerMonth.shard !== undefined) entry.shards.add(partnerMonth.shard);
    distinct.set(id, entry);
  }
  await inParallel([...distinct.values()], async ({ partnerId, month, shards }) => {
    const withShards = shards.size > 0;
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: lineChangesKey(partnerId, month),
        UpdateExpression: `ADD changes :one${withShards ? ', shards :shards' : ''} SET #type = :type`,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':one': 1,
          ':type': 'LineChanges',
          ...(withShards ? { ':shards': shards } : {}),
        },
      }),
    );
  });
}

/** The counters of every partner × month, consistently read; 0 where none was ever bumped. */
export async function readLineChanges(
  client: DynamoDBDocumentClient,
  tableName: string,
  partnerIds: readonly string[],
  months: readonly string[],
): Promise<PartnerMonthChanges[]> {
  const wanted = partnerIds.flatMap((partnerId) => months.map((month) => ({ partnerId, month })));
  const found = await getAll(
    client,
    tableName,
    wanted.map(({ partnerId, month }) => lineChangesKey(partnerId, month)),
  );
  return wanted.map(({ partnerId, month }) => ({
    partnerId,
    month,
    changes: Number(found.get(itemKeyId(lineChangesKey(partnerId, month)))?.changes ?? 0),
  }));
}

/** Shards 0 … shardCount − 1: a listing without a directory reads them all. */
export const everyShard: readonly number[] = Array.from({ length: shardCount }, (_, shard) => shard);

/** What a counter item (or its absence) says about its partner-month's shards. */
export function shardDirectoryOf(counter: Record<string, unknown> | undefined): ShardDirectory {
  if (counter === undefined) return { kind: 'no counter' };
  const shards = counter.shards;
  if (!(shards instanceof Set)) return { kind: 'every shard' };
  return { kind: 'listed', shards: new Set([...shards].map(Number)) };
}

/** The shards a directory lists, in order: none without the item, every one for a counter older than the list. */
function shardsOf(directory: ShardDirectory): readonly number[] {
  if (directory.kind === 'no counter') return [];
  if (directory.kind === 'every shard') return everyShard;
  return [...directory.shards].sort((a, b) => a - b);
}

/**
 * Partner-months whose directory was seen listing every shard. A directory only grows (shards are ADDed, never
 * removed; the counter is never deleted), so a full one stays full and its month can be read in every shard
 * without reading the directory again. Reading every shard is never wrong (a shard without lines answers none),
 * so an entry gone stale (a table made again under its name) costs Queries, never lines. Kept by a listing
 * (one per container); at most 10,000 entries, the oldest dropped first.
 */
export class FullShardDirectories {
  private readonly ids = new Set<string>();
  private readonly kept = 10_000;

  has(id: string): boolean {
    return this.ids.has(id);
  }

  remember(id: string): void {
    if (this.ids.size >= this.kept) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    this.ids.add(id);
  }
}

/**
 * The sales shards of a partner-month that may hold lines, in order, consistently read: a shard is listed before
 * its first line is written, so a line a listing can see is in a listed shard. A directory `full` has seen full
 * (the listing's, kept across calls) is not read again (a sales-lines page of a busy month: one call less).
 */
export async function salesShards(
  client: DynamoDBDocumentClient,
  tableName: string,
  partnerId: string,
  month: string,
  full: FullShardDirectories = new FullShardDirectories(),
): Promise<readonly number[]> {
  const key = lineChangesKey(partnerId, month);
  const id = `${tableName}/${itemKeyId(key)}`;
  if (full.has(id)) return everyShard;
  const directory = shardDirectoryOf(await getItem(client, tableName, key));
  if (directory.kind === 'listed' && everyShard.every((shard) => directory.shards.has(shard)))
    full.remember(id);
  return shardsOf(directory);
}

/** `salesShards` of each partner in one month, by partner id. */
export async function salesShardsOfPartners(
  client: DynamoDBDocumentClient,
  tableName: string,
  partnerIds: readonly string[],
  month: string,
): Promise<ReadonlyMap<string, readonly number[]>> {
  const found = await getAll(
    client,
    tableName,
    partnerIds.map((partnerId) => lineChangesKey(partnerId, month)),
  );
  return new Map(
    partnerIds.map((partnerId) => [
      partnerId,
      shardsOf(shardDirectoryOf(found.get(itemKeyId(lineChangesKey(partnerId, month))))),
    ]),
  );
}
