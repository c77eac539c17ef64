import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChannelLineStore, LineOutcome } from '../../domain/channel-files/ports';
import type {
  InventorySnapshotLine,
  NormalizedSaleLine,
  RejectedLine,
} from '../../domain/ingestion/ingest-types';
import { getAll, itemKeyId, putAll } from './dynamo-batch';
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

type Line = NormalizedSaleLine | InventorySnapshotLine;

/** How one kind of line is keyed: its natural key, its index keys and where a replaced version goes. */
interface LineSpec<L extends Line> {
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

/** Fingerprint of what a line says (not where it came from), to tell a restatement from a re-send. */
function contentHash(line: Line): string {
  const { sourceFileId: _file, sourceLineNumber: _line, ...business } = line;
  const canonical = JSON.stringify(business, Object.keys(business).sort());
  return createHash('sha256').update(canonical).digest('base64url');
}

/** Strips storage attributes from a stored line before it is kept as history. */
function historyItem(current: Record<string, unknown>, key: ItemKey, replacedBy: string) {
  const { gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, gsi3pk: _e, gsi3sk: _f, ...rest } = current;
  return { ...rest, ...key, type: `${String(current.type)}History`, replacedByFileId: replacedBy };
}

/**
 * Channel lines in DynamoDB. Each batch is read back by natural key first (BatchGet), then only what
 * changes is written (BatchWrite, unprocessed items retried), which makes re-running a batch harmless.
 */
export class DynamoChannelLines implements ChannelLineStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  storeSaleLines(fileId: string, lines: readonly NormalizedSaleLine[]): Promise<LineOutcome[]> {
    return this.store(saleSpec, fileId, lines);
  }

  storeInventoryLines(fileId: string, lines: readonly InventorySnapshotLine[]): Promise<LineOutcome[]> {
    return this.store(inventorySpec, fileId, lines);
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

  private async store<L extends Line>(
    spec: LineSpec<L>,
    fileId: string,
    lines: readonly L[],
  ): Promise<LineOutcome[]> {
    const keys = lines.map((line) => spec.key(line));
    const existing = await getAll(this.client, this.tableName, keys);
    const seenInBatch = new Set<string>();
    const writes: Record<string, unknown>[] = [];
    const outcomes = lines.map((line, index): LineOutcome => {
      const key = keys[index] as ItemKey;
      const id = itemKeyId(key);
      const current = existing.get(id);
      if (seenInBatch.has(id)) return 'duplicate_in_file';
      seenInBatch.add(id);
      const hash = contentHash(line);
      if (current?.sourceFileId === fileId) {
        // Stored by this file already: a resumed batch keeps its first outcome; another line is a duplicate.
        return current.sourceLineNumber === line.sourceLineNumber
          ? (current.ingestOutcome as LineOutcome)
          : 'duplicate_in_file';
      }
      if (current && current.contentHash === hash) return 'unchanged';
      const outcome: LineOutcome = current ? 'restated' : 'accepted';
      if (current)
        writes.push(historyItem(current, spec.historyKey(line, key, String(current.sourceFileId)), fileId));
      writes.push({
        ...line,
        ...key,
        ...spec.indexKeys(line),
        ...fileLinesIndexKey(fileId, line.sourceLineNumber),
        type: spec.type,
        version: current ? Number(current.version) + 1 : 1,
        contentHash: hash,
        ingestOutcome: outcome,
      });
      return outcome;
    });
    // History first: if the run dies between the two, the retry still finds the old version to keep.
    const history = writes.filter((item) => String(item.type).endsWith('History'));
    await putAll(this.client, this.tableName, history);
    await putAll(
      this.client,
      this.tableName,
      writes.filter((item) => !String(item.type).endsWith('History')),
    );
    return outcomes;
  }
}
