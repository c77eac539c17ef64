import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type ChannelLine, isSaleLine, naturalKeyOf } from '../../domain/channel-files/channel-line';
import type { CurrentLineVersion, LineOutcome, LineWrite } from '../../domain/channel-files/line-restatement';
import type { ChannelLineStore } from '../../domain/channel-files/ports';
import type {
  InventorySnapshotLine,
  NormalizedSaleLine,
  RejectedLine,
} from '../../domain/ingestion/ingest-types';
import { chunks, getAll, inParallel, itemKeyId, pause, putAll } from './dynamo-batch';
import {
  fileLinesIndexKey,
  fileLinesPartition,
  type ItemKey,
  inventoryByPeriodIndexKey,
  inventoryHistoryKey,
  inventorySnapshotKey,
  rejectedLineKey,
  saleLineHistoryKey,
  saleLineKey,
  salesByPeriodIndexKey,
  salesByProductIndexKey,
  shardCount,
} from './table-keys';

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
const storageAttributes = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'type',
  'version',
  'contentHash',
  'ingestOutcome',
  'replacesFileId',
  'replacedByFileId',
  'withdrawn',
]);

function versionOf(item: Item): CurrentLineVersion {
  const line = Object.fromEntries(Object.entries(item).filter(([name]) => !storageAttributes.has(name)));
  return {
    version: Number(item.version),
    line: line as unknown as ChannelLine,
    ingestOutcome: item.ingestOutcome as LineOutcome,
    replacesFileId: typeof item.replacesFileId === 'string' ? item.replacesFileId : undefined,
  };
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
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

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

  async writeLines(fileId: string, writes: readonly LineWrite[]): Promise<readonly LineWrite[]> {
    const lost: LineWrite[] = [];
    await inParallel(chunks(writes, writesPerTransaction), async (chunk) => {
      if (!(await this.transact(fileId, chunk))) lost.push(...chunk);
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
        let startKey: Item | undefined;
        do {
          const page = await this.client.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: 'gsi3',
              KeyConditionExpression: 'gsi3pk = :pk',
              ExpressionAttributeValues: { ':pk': fileLinesPartition(fileId, shard) },
              ...(startKey ? { ExclusiveStartKey: startKey } : {}),
            }),
          );
          const versions = (page.Items ?? []).filter((item) => item.sourceFileId === fileId).map(versionOf);
          found += versions.length;
          withdrawn += await this.withdraw(versions);
          startKey = page.LastEvaluatedKey;
        } while (startKey);
      }
    }
    return withdrawn;
  }

  /** Withdraws versions 50 to a transaction; a cancelled chunk is retried line by line. Answers how many. */
  private async withdraw(versions: readonly CurrentLineVersion[]): Promise<number> {
    const previousKeys = versions.flatMap((version) => {
      if (version.replacesFileId === undefined) return [];
      const spec = specOf(version.line);
      return [spec.historyKey(version.line, spec.key(version.line), version.replacesFileId)];
    });
    const previous = await getAll(this.client, this.tableName, previousKeys);
    const operations = versions.map((version) => this.withdrawal(version, previous));
    let withdrawn = 0;
    await inParallel(chunks(operations, writesPerTransaction), async (chunk) => {
      if (await this.transactOrRace(chunk.flat())) withdrawn += chunk.length;
      else {
        for (const one of chunk) if (await this.transactOrRace(one)) withdrawn++;
      }
    });
    return withdrawn;
  }

  /** The withdrawn version to history, and the version it replaced back in force (else the line removed). */
  private withdrawal(version: CurrentLineVersion, previousItems: ReadonlyMap<string, Item>) {
    const spec = specOf(version.line);
    const key = spec.key(version.line);
    const condition = {
      ConditionExpression: 'version = :expected',
      ExpressionAttributeValues: { ':expected': version.version },
    };
    const previousItem =
      version.replacesFileId === undefined
        ? undefined
        : previousItems.get(itemKeyId(spec.historyKey(version.line, key, version.replacesFileId)));
    const previous = previousItem === undefined ? undefined : versionOf(previousItem);
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
    return [{ Put: { TableName: this.tableName, Item: historyItem(version, { withdrawn: true }) } }, restore];
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
