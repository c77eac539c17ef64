import type { ItemKey } from './item-key';

/**
 * Channel lines: sale lines, inventory snapshots, rejected lines (all sharded) and the per-month change counters.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | rejected line     | FILE#<fileId>#REJECTS#<shard> | <line, 10 digits>    |                           |                         |
 * | sale line         | SALE#<p>#<invoice>     | LINE#<invoiceLine>          | SALES#<p>#<yyyy-mm>#<shard> | <invoiceDate>#<invoice>#<line> |
 * | sale line history | SALE#<p>#<invoice>     | HISTORY#<line>#<fileId>     |                           |                         |
 * | inventory snapshot| INVENTORY#<p>#<sku>    | SNAPSHOT#<date>#<warehouse> | INVENTORY#<p>#<yyyy-mm>   | <date>#<sku>#<warehouse> |
 * | snapshot history  | INVENTORY#<p>#<sku>    | HISTORY#<date>#<wh>#<fileId>|                           |                         |
 * | line changes      | LINECHANGES#<p>#<yyyy-mm> | COUNTER (changes: bumped by every sale line write/withdrawal) |  |                 |
 * | sales shard directory | LINECHANGES#<p>#<yyyy-mm> | COUNTER (shards: number set of the SALES#<p>#<yyyy-mm>#<shard> partitions given lines) | | |
 * | withdrawal months | WITHDRAWAL#<fileId>    | MONTHS (months: string set of <yyyy-mm>#<p> a withdrawal of the file under way touches) | | |
 *
 * Sale lines also carry gsi2 = PRODUCTSALES#<p>#<sku> / <invoiceDate>#<invoice>#<line>, and sale lines and
 * snapshots carry gsi3 = FILELINES#<fileId>#<shard> / <line, 10 digits>.
 *
 * Access patterns (numbered across the table):
 * 7. a sale line by natural key (partner, invoice, line)        → GetItem / BatchGetItem
 * 8. a partner's sale lines in a month                          → Query gsi1 SALES#<p>#<yyyy-mm>#<shard>, each shard
 * 9. a partner's sale lines of one product, by date range       → Query gsi2 PRODUCTSALES#<p>#<sku>, between dates
 * 10. the lines and the rejections of one file                  → Query gsi3 FILELINES#<f>#<shard> / pk REJECTS, each shard
 * 11. a partner's inventory snapshots of a product / a month    → Query pk INVENTORY#<p>#<sku> / gsi1 INVENTORY#<p>#<yyyy-mm>
 *
 * One partition takes at most 1,000 writes/s, so a million-line file under one key would need over 16 minutes.
 * Channel lines spread by invoice (base table), by partner + month + shard (gsi1) and by file + shard (gsi3),
 * with `shardCount` shards chosen from a hash of the natural key.
 */

/** Shards per partner-month and per file: 16 × 1,000 writes/s keeps a million-line file near a minute. */
export const shardCount = 16;

/** A stable shard in [0, count) from a string (FNV-1a), so a line always lands in the same shard. */
export function shardOf(value: string, count = shardCount): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}

const lineNumberKey = (lineNumber: number) => String(lineNumber).padStart(10, '0');

export const rejectedLineKey = (fileId: string, lineNumber: number): ItemKey => ({
  pk: `FILE#${fileId}#REJECTS#${shardOf(String(lineNumber))}`,
  sk: lineNumberKey(lineNumber),
});
export const rejectedLinesPartition = (fileId: string, shard: number) => `FILE#${fileId}#REJECTS#${shard}`;

export const fileLinesIndexKey = (fileId: string, lineNumber: number) => ({
  gsi3pk: `FILELINES#${fileId}#${shardOf(String(lineNumber))}`,
  gsi3sk: lineNumberKey(lineNumber),
});
export const fileLinesPartition = (fileId: string, shard: number) => `FILELINES#${fileId}#${shard}`;

export const saleLineKey = (partnerId: string, invoiceNumber: string, invoiceLine: string): ItemKey => ({
  pk: `SALE#${partnerId}#${invoiceNumber}`,
  sk: `LINE#${invoiceLine}`,
});
export const saleLineHistoryKey = (
  current: ItemKey,
  invoiceLine: string,
  replacedFileId: string,
): ItemKey => ({
  pk: current.pk,
  sk: `HISTORY#${invoiceLine}#${replacedFileId}`,
});
export const salesByPeriodPartition = (partnerId: string, month: string, shard: number) =>
  `SALES#${partnerId}#${month}#${shard}`;
export const salesByPeriodIndexKey = (
  partnerId: string,
  invoiceNumber: string,
  invoiceLine: string,
  invoiceDate: string,
) => ({
  gsi1pk: salesByPeriodPartition(
    partnerId,
    invoiceDate.slice(0, 7),
    salesShardOf(invoiceNumber, invoiceLine),
  ),
  gsi1sk: `${invoiceDate}#${invoiceNumber}#${invoiceLine}`,
});
export const salesByProductIndexKey = (
  partnerId: string,
  sku: string,
  invoiceDate: string,
  invoiceNumber: string,
  invoiceLine: string,
) => ({
  gsi2pk: productSalesPartition(partnerId, sku),
  gsi2sk: `${invoiceDate}#${invoiceNumber}#${invoiceLine}`,
});
export const productSalesPartition = (partnerId: string, sku: string) => `PRODUCTSALES#${partnerId}#${sku}`;
/** gsi2 sort-key bounds of a product's sale lines invoiced from `from` to `to` (ISO dates, inclusive). */
export const productSalesRange = (from: string, to: string) => ({ from, to: `${to}#\uffff` });

export const inventorySnapshotKey = (
  partnerId: string,
  sku: string,
  asOfDate: string,
  warehouse: string,
): ItemKey => ({
  pk: inventorySnapshotsPartition(partnerId, sku),
  sk: `SNAPSHOT#${asOfDate}#${warehouse}`,
});
export const inventorySnapshotsPartition = (partnerId: string, sku: string) =>
  `INVENTORY#${partnerId}#${sku}`;
/** Sort-key bounds of a product's current snapshots dated from `from` to `to` (history items fall outside). */
export const inventorySnapshotRange = (from: string, to: string) => ({
  from: `SNAPSHOT#${from}`,
  to: `SNAPSHOT#${to}#\uffff`,
});
export const inventoryHistoryKey = (current: ItemKey, replacedFileId: string): ItemKey => ({
  pk: current.pk,
  sk: `${current.sk.replace('SNAPSHOT#', 'HISTORY#')}#${replacedFileId}`,
});
/** gsi1 partition of a partner's inventory snapshots dated in one month (`YYYY-MM`). */
export const inventoryByPeriodPartition = (partnerId: string, month: string) =>
  `INVENTORY#${partnerId}#${month}`;
export const inventoryByPeriodIndexKey = (
  partnerId: string,
  sku: string,
  asOfDate: string,
  warehouse: string,
) => ({
  gsi1pk: inventoryByPeriodPartition(partnerId, asOfDate.slice(0, 7)),
  gsi1sk: `${asOfDate}#${sku}#${warehouse}`,
});

// Line change counters (issue 11 part 4): one per partner × invoice month, so a rerun can tell its lines unchanged.
export const lineChangesKey = (partnerId: string, month: string): ItemKey => ({
  pk: `LINECHANGES#${partnerId}#${month}`,
  sk: 'COUNTER',
});

// Sales shard directory (issue 10, read load): the line changes counter of a partner-month also holds, as the
// number set `shards`, every shard of SALES#<p>#<yyyy-mm> it was ever given a line in, added before the line
// is written; listings and runs query only those shards. A counter without `shards` predates the directory:
// every shard is read. No counter means no line was written that month.
/** The shard of the partner-month index (gsi1) a sale line is in. */
export const salesShardOf = (invoiceNumber: string, invoiceLine: string) =>
  shardOf(`${invoiceNumber}#${invoiceLine}`);
/** The shard of a SALES#<p>#<yyyy-mm>#<shard> partition (a stored sale line's gsi1pk): where the line really is. */
export const shardOfSalesPartition = (partition: string) =>
  Number(partition.slice(partition.lastIndexOf('#') + 1));

// Withdrawal months: the partner-months a failed file's withdrawal touches, kept until their counters are bumped
// after every withdrawal transaction, so a withdrawal killed between a transaction and its bump bumps on retry.
export const withdrawalMonthsKey = (fileId: string): ItemKey => ({
  pk: `WITHDRAWAL#${fileId}`,
  sk: 'MONTHS',
});
