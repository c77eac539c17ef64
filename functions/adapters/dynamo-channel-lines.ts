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
import { chunks, getAll, inParallel, itemKeyId, pause, putAll } from './dynamo-batch';
import {
  fileLinesIndexKey,
  type ItemKey,
  inventoryByPeriodIndexKey,
  inventoryHistoryKey,
  inventorySnapshotKey,
  rejectedLineKey,
  saleLineHistoryKey,
  saleLineKey,
  salesByPeriodIndexKey,
  salesByProductIndexKey,
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

/** The replaced version as history: no index keys (history is read by its line's partition only). */
function historyItem(replaced: CurrentLineVersion, replacedByFileId: string): Item {
  const spec = specOf(replaced.line);
  const current = spec.key(replaced.line);
  return {
    ...replaced.line,
    ...spec.historyKey(replaced.line, current, replaced.line.sourceFileId),
    type: `${spec.type}History`,
    version: replaced.version,
    ingestOutcome: replaced.ingestOutcome,
    ...(replaced.replacesFileId === undefined ? {} : { replacesFileId: replaced.replacesFileId }),
    replacedByFileId,
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
          Item: versionItem(write, write.outcome, write.replaces?.line.sourceFileId),
          ...(write.replaces === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': write.replaces.version },
              }),
        },
      };
      if (write.replaces === undefined) return [put];
      return [{ Put: { TableName: this.tableName, Item: historyItem(write.replaces, fileId) } }, put];
    });
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
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
