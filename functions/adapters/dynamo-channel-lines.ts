import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type ChannelLine, isSaleLine, naturalKeyOf } from '../../domain/channel-files/channel-line';
import type { CurrentLineVersion, LineOutcome, LineWrite } from '../../domain/channel-files/line-restatement';
import type { ChannelLineStore } from '../../domain/channel-files/ports';
import type {
  InventorySnapshotLine,
  NormalizedSaleLine,
  RejectedLine,
} from '../../domain/ingestion/ingest-types';
import { inventorySnapshotSchema, lineBookkeepingSchema, saleLineSchema } from './channel-line-items';
import { chunks, getAll, inParallel, itemKeyId, pause, putAll } from './dynamo-batch';
import { bumpLineChanges, type PartnerMonth } from './line-change-counters';
import { readBack } from './read-back';
import { partitionPages, storageStripper } from './table-access';
import {
  fileLinesIndexKey,
  fileLinesPartition,
  inventoryByPeriodIndexKey,
  inventoryHistoryKey,
  inventorySnapshotKey,
  rejectedLineKey,
  saleLineHistoryKey,
  saleLineKey,
  salesByPeriodIndexKey,
  salesByProductIndexKey,
  salesShardOf,
  shardCount,
} from './table-keys/channel-lines';
import type { ItemKey } from './table-keys/item-key';
import { WithdrawalMonths } from './withdrawal-months';

type Item = Record<string, unknown>;

/** How one kind of line is keyed: its natural key, its index keys and where a replaced version goes. */
interface LineSpec<L extends ChannelLine> {
  readonly type: string;
  key(line: L): ItemKey;
  indexKeys(line: L): Record<string, string>;
  historyKey(line: L, current: ItemKey, replacedFileId: string): ItemKey;
}

const saleSpec: LineSpec<NormalizedSaleLine> = {
  type: 'SaleLine',
  key: (line) => saleLineKey(line.partnerId, line.invoiceNumber, line.invoiceLine),
  indexKeys: (line) => ({
    ...salesByPeriodIndexKey(line.partnerId, line.invoiceNumber, line.invoiceLine, line.invoiceDate),
    ...salesByProductIndexKey(
      line.partnerId,
      line.sku,
      line.invoiceDate,
      line.invoiceNumber,
      line.invoiceLine,
    ),
  }),
  historyKey: (line, current, replacedFileId) =>
    saleLineHistoryKey(current, line.invoiceLine, replacedFileId),
};

const warehouseOf = (line: InventorySnapshotLine) => line.warehouse ?? '-';
const inventorySpec: LineSpec<InventorySnapshotLine> = {
  type: 'InventorySnapshot',
  key: (line) => inventorySnapshotKey(line.partnerId, line.sku, line.asOfDate, warehouseOf(line)),
  indexKeys: (line) => inventoryByPeriodIndexKey(line.partnerId, line.sku, line.asOfDate, warehouseOf(line)),
  historyKey: (_line, current, replacedFileId) => inventoryHistoryKey(current, replacedFileId),
};

const specOf = (line: ChannelLine) => (isSaleLine(line) ? saleSpec : inventorySpec) as LineSpec<ChannelLine>;

/** What the store adds to a line: removed again when a stored line is read back. */
const withoutStorage = storageStripper(
  'type',
  'version',
  'contentHash',
  'ingestOutcome',
  'replacesFileId',
  'replacedByFileId',
  'withdrawn',
);

/** A stored version (current or history) read back: its line parsed by its item type, and its bookkeeping. */
function versionOf(item: Item): CurrentLineVersion {
  const line: ChannelLine = String(item.type).startsWith(saleSpec.type)
    ? readBack(saleLineSchema, item, withoutStorage)
    : readBack(inventorySnapshotSchema, item, withoutStorage);
  return { ...readBack(lineBookkeepingSchema, item), line };
}

/** A version as an item: the line, its keys and its bookkeeping. */
function versionItem(
  version: CurrentLineVersion | LineWrite,
  outcome: LineOutcome,
  replacesFileId: string | undefined,
): Item {
  const spec = specOf(version.line);
  return {
    ...version.line,
    ...spec.key(version.line),
    ...spec.indexKeys(version.line),
    ...fileLinesIndexKey(version.line.sourceFileId, version.line.sourceLineNumber),
    type: spec.type,
    version: version.version,
    ingestOutcome: outcome,
    ...(replacesFileId === undefined ? {} : { replacesFileId }),
  };
}

/**
 * The item `writeLines` puts for `write` (the line, its keys and bookkeeping). Exported so that a bulk load
 * of lines known to be new (the month-end benchmark's million lines) writes exactly what the store writes.
 */
export const lineWriteItem = (write: LineWrite): Item =>
  versionItem(write, write.outcome, write.replaces?.line.sourceFileId);

/**
 * A version kept as history (no index keys: history is read by its line's partition only), either replaced
 * by a later file's version or withdrawn because its own file failed.
 */
function historyItem(
  kept: CurrentLineVersion,
  why: { readonly replacedByFileId: string } | { readonly withdrawn: true },
): Item {
  const spec = specOf(kept.line);
  const current = spec.key(kept.line);
  return {
    ...kept.line,
    ...spec.historyKey(kept.line, current, kept.line.sourceFileId),
    type: `${spec.type}History`,
    version: kept.version,
    ingestOutcome: kept.ingestOutcome,
    ...(kept.replacesFileId === undefined ? {} : { replacesFileId: kept.replacesFileId }),
    ...why,
  };
}

/**
 * The partner-months whose sale lines a change of `line` (replacing or restoring `other`) touches: both
 * invoice months when a restatement moves a line to another month; none for inventory snapshots, which
 * runs do not read. Each with the line's sales shard, for the month's shard directory (the bump before the
 * writes lists it before the line exists).
 *
 * Their change counters are bumped AFTER the change is durable. A run reads the counters before the lines,
 * so a change it did not see in the lines has its bump after the run's counter read: the run records a
 * counter that is already stale, and the next run finds it moved and reads the lines again. Bumping only
 * before the write would let a run record the new counter yet read the lines before they land, and every
 * later run would reuse those stale lines. The one extra bump before the writes covers a writer that dies
 * between its transaction and its bump: the retry of its file finds its lines in place and writes nothing.
 */
function changedMonths(line: ChannelLine, other: ChannelLine | undefined): PartnerMonth[] {
  return [line, other].flatMap((changed) =>
    changed !== undefined && isSaleLine(changed)
      ? [
          {
            partnerId: changed.partnerId,
            month: changed.invoiceDate.slice(0, 7),
            shard: salesShardOf(changed.invoiceNumber, changed.invoiceLine),
          },
        ]
      : [],
  );
}

/** The version `version` replaced, from the history items read for it (none when it replaced none). */
function replacedOf(
  version: CurrentLineVersion,
  historyItems: ReadonlyMap<string, Item>,
): CurrentLineVersion | undefined {
  if (version.replacesFileId === undefined) return undefined;
  const spec = specOf(version.line);
  const item = historyItems.get(
    itemKeyId(spec.historyKey(version.line, spec.key(version.line), version.replacesFileId)),
  );
  return item === undefined ? undefined : versionOf(item);
}

/** Writes per transaction: each is at most two items (line + history), within the 100-item limit. */
const writesPerTransaction = 50;
/** Why a transaction may be cancelled without anything being wrong with it: retry after re-reading. */
const raceCodes = new Set([
  'None',
  'ConditionalCheckFailed',
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);

/**
 * Channel lines in DynamoDB. Versions in force are read by natural key (consistent BatchGet); each write is
 * a transaction of up to 50 lines, each put on condition that its key is still at the version it was
 * classified against (or has none), with the replaced version's history put in the same transaction.
 */
export class DynamoChannelLines implements ChannelLineStore {
  private readonly withdrawalMonths: WithdrawalMonths;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.withdrawalMonths = new WithdrawalMonths(client, tableName);
  }

  async currentVersions(lines: readonly ChannelLine[]): Promise<ReadonlyMap<string, CurrentLineVersion>> {
    const keys = lines.map((line) => specOf(line).key(line));
    const existing = await getAll(this.client, this.tableName, keys);
    const versions = new Map<string, CurrentLineVersion>();
    keys.forEach((key, index) => {
      const item = existing.get(itemKeyId(key));
      const line = lines[index];
      if (item !== undefined && line !== undefined) versions.set(naturalKeyOf(line), versionOf(item));
    });
    return versions;
  }

  /**
   * Writes each chunk in a transaction and bumps the change counters of the partner-months it touched after
   * the transaction is durable (see `changedMonths` for why after), and once before all of them.
   */
  async writeLines(fileId: string, writes: readonly LineWrite[]): Promise<readonly LineWrite[]> {
    const lost: LineWrite[] = [];
    await this.bump(writes.flatMap((write) => changedMonths(write.line, write.replaces?.line)));
    await inParallel(chunks(writes, writesPerTransaction), async (chunk) => {
      if (await this.transact(fileId, chunk)) {
        await this.bump(chunk.flatMap((write) => changedMonths(write.line, write.replaces?.line)));
      } else lost.push(...chunk);
    });
    // Give the writer that won a moment to finish before the caller re-reads.
    if (lost.length > 0) await pause(1);
    return lost;
  }

  /** Writes one chunk atomically; false when it was cancelled by a race (nothing written). */
  private async transact(fileId: string, chunk: readonly LineWrite[]): Promise<boolean> {
    const items = chunk.flatMap((write) => {
      const put = {
        Put: {
          TableName: this.tableName,
          Item: lineWriteItem(write),
          ...(write.replaces === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': write.replaces.version },
              }),
        },
      };
      if (write.replaces === undefined) return [put];
      return [
        {
          Put: {
            TableName: this.tableName,
            Item: historyItem(write.replaces, { replacedByFileId: fileId }),
          },
        },
        put,
      ];
    });
    return this.transactOrRace(items);
  }

  /**
   * Withdraws every line of `fileId` still in force: a restatement gets back the version it replaced (from
   * history, as the next version), a new line is removed, and the withdrawn version is kept as history.
   * Conditional on the version read, so a line another file has restated since is left to that file.
   * Lines are found through the file's index, which on AWS lags writes slightly: passes repeat until one
   * finds nothing left.
   */
  async withdrawFileLines(fileId: string): Promise<number> {
    let withdrawn = 0;
    for (let found = -1; found !== 0; ) {
      found = 0;
      for (let shard = 0; shard < shardCount; shard++) {
        const partition = fileLinesPartition(fileId, shard);
        for await (const page of partitionPages(this.client, this.tableName, { index: 'gsi3', partition })) {
          const versions = page.filter((item) => item.sourceFileId === fileId).map(versionOf);
          found += versions.length;
          withdrawn += await this.withdraw(fileId, versions);
        }
      }
    }
    // Every transaction is durable now: bump what this or an earlier, interrupted withdrawal touched.
    const touched = await this.withdrawalMonths.of(fileId);
    if (touched.length > 0) {
      await this.bump(touched);
      await this.withdrawalMonths.clear(fileId);
    }
    return withdrawn;
  }

  /** Withdraws versions 50 to a transaction; a cancelled chunk is retried line by line. Answers how many. */
  private async withdraw(fileId: string, versions: readonly CurrentLineVersion[]): Promise<number> {
    const previous = await this.replacedItems(versions);
    const withdrawals = versions.map((version) => this.withdrawal(version, previous));
    let withdrawn = 0;
    const months = withdrawals.flatMap((withdrawal) => withdrawal.months);
    await this.withdrawalMonths.record(fileId, months);
    await this.bump(months);
    await inParallel(chunks(withdrawals, writesPerTransaction), async (chunk) => {
      if (await this.transactOrRace(chunk.flatMap((withdrawal) => withdrawal.operations))) {
        withdrawn += chunk.length;
        await this.bump(chunk.flatMap((withdrawal) => withdrawal.months));
      } else {
        for (const one of chunk) {
          if (await this.transactOrRace(one.operations)) {
            withdrawn++;
            await this.bump(one.months);
          }
        }
      }
    });
    return withdrawn;
  }

  /**
   * Bumps the change counters of what versions an earlier attempt of a file stored touched (their months and
   * the replaced versions' months), as `writeLines` does after a write that attempt may not have reached.
   */
  async confirmStored(versions: readonly CurrentLineVersion[]): Promise<void> {
    const previous = await this.replacedItems(versions);
    await this.bump(
      versions.flatMap((version) => changedMonths(version.line, replacedOf(version, previous)?.line)),
    );
  }

  /** The history items of the versions these replaced (consistent BatchGet), by item key id. */
  private replacedItems(versions: readonly CurrentLineVersion[]): Promise<ReadonlyMap<string, Item>> {
    const keys = versions.flatMap((version) => {
      if (version.replacesFileId === undefined) return [];
      const spec = specOf(version.line);
      return [spec.historyKey(version.line, spec.key(version.line), version.replacesFileId)];
    });
    return getAll(this.client, this.tableName, keys);
  }

  private bump(partnerMonths: readonly PartnerMonth[]): Promise<void> {
    return bumpLineChanges(this.client, this.tableName, partnerMonths);
  }

  /**
   * The withdrawn version to history, and the version it replaced back in force (else the line removed); with
   * the partner-months whose lines that changes.
   */
  private withdrawal(version: CurrentLineVersion, previousItems: ReadonlyMap<string, Item>) {
    const key = specOf(version.line).key(version.line);
    const condition = {
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': version.version },
    };
    const previous = replacedOf(version, previousItems);
    const restore =
      previous === undefined
        ? { Delete: { TableName: this.tableName, Key: key, ...condition } }
        : {
            Put: {
              TableName: this.tableName,
              Item: versionItem(
                { ...previous, version: version.version + 1 },
                previous.ingestOutcome,
                previous.replacesFileId,
              ),
              ...condition,
            },
          };
    return {
      operations: [
        { Put: { TableName: this.tableName, Item: historyItem(version, { withdrawn: true }) } },
        restore,
      ],
      months: changedMonths(version.line, previous?.line),
    };
  }

  /** Runs one transaction; false when a race cancelled it (nothing written). */
  private async transactOrRace(items: readonly Record<string, unknown>[]): Promise<boolean> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: [...items] }));
      return true;
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons.length > 0 && reasons.every((reason) => raceCodes.has(reason.Code ?? 'None'))) return false;
      throw error;
    }
  }

  async storeRejections(
    file: { fileId: string; partnerId: string },
    lines: readonly RejectedLine[],
  ): Promise<void> {
    const items = lines.map((line) => ({
      ...rejectedLineKey(file.fileId, line.sourceLineNumber),
      type: 'RejectedLine',
      fileId: file.fileId,
      partnerId: file.partnerId,
      sourceLineNumber: line.sourceLineNumber,
      raw: line.raw,
      reasons: line.reasons,
    }));
    await putAll(this.client, this.tableName, items);
  }
}
