import type { InventorySnapshotLine, NormalizedSaleLine } from '../ingestion/ingest-types';

/** A stored channel line: a sell-through line or an inventory snapshot. */
export type ChannelLine = NormalizedSaleLine | InventorySnapshotLine;

export const isSaleLine = (line: ChannelLine): line is NormalizedSaleLine => 'invoiceNumber' in line;

/**
 * The identity of a line across files: (partner, invoice, invoice line) for a sale, (partner, SKU, date,
 * warehouse) for a snapshot. A later file's line with the same natural key restates it.
 */
export function naturalKeyOf(line: ChannelLine): string {
  return isSaleLine(line)
    ? `sale\u0000${line.partnerId}\u0000${line.invoiceNumber}\u0000${line.invoiceLine}`
    : `inventory\u0000${line.partnerId}\u0000${line.sku}\u0000${line.asOfDate}\u0000${line.warehouse ?? '-'}`;
}

/** JSON with object keys sorted at every depth, so equal content always gives equal text. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([name, item]) => `${JSON.stringify(name)}:${canonical(item)}`).join(',')}}`;
}

/** What a line says, not where it came from: two lines with equal content are the same fact. */
export function lineContent(line: ChannelLine): string {
  const { sourceFileId: _file, sourceLineNumber: _line, ...business } = line;
  return canonical(business);
}
