import { z } from 'zod';
import type { ChannelSaleLine } from '../../domain/accrual-runs/run-lines';
import type { LineOutcome } from '../../domain/channel-files/line-restatement';
import type { InventorySnapshotLine, NormalizedSaleLine } from '../../domain/ingestion/ingest-types';
import { UnreadableItemError } from './read-back';
import type { TableItem } from './table-access';

/**
 * Read-back schemas of the stored channel lines (keys in table-keys/channel-lines.ts): a line read back
 * from the table is parsed into the domain's shape, so a corrupted item fails naming its key and field.
 * Typed by the domain's interfaces: a field added there and not here fails the compile. Loose: attributes
 * beyond the line's fields (a listing's bookkeeping) are kept as stored.
 */
const text = z.string();
const optionalText = z.string().exactOptional();

export const saleLineSchema: z.ZodType<NormalizedSaleLine> = z.looseObject({
  partnerId: z.string().min(1),
  sourceFileId: z.string().min(1),
  sourceLineNumber: z.number().int(),
  invoiceNumber: z.string().min(1),
  invoiceLine: z.string().min(1),
  invoiceDate: z.iso.date(),
  shipDate: optionalText,
  orderDate: optionalText,
  sku: z.string().min(1),
  partnerSku: optionalText,
  category: text,
  quantity: text,
  uom: text,
  reportedQuantity: text,
  reportedUom: text,
  unitPrice: optionalText,
  extendedAmount: text,
  currency: text,
  endCustomerId: optionalText,
  endCustomerName: optionalText,
  billTo: optionalText,
  shipTo: optionalText,
  orderType: optionalText,
  salesperson: optionalText,
  warehouse: optionalText,
  custom: z.record(z.string(), z.string()),
});

export const inventorySnapshotSchema: z.ZodType<InventorySnapshotLine> = z.looseObject({
  partnerId: z.string().min(1),
  sourceFileId: z.string().min(1),
  sourceLineNumber: z.number().int(),
  sku: z.string().min(1),
  partnerSku: optionalText,
  asOfDate: z.iso.date(),
  uom: text,
  quantityOnHand: optionalText,
  quantityReceived: optionalText,
  quantityOnOrder: optionalText,
  quantityInTransit: optionalText,
  quantitySold: optionalText,
  warehouse: optionalText,
});

/** The text fields of a sale line a run reads: each required, or optional (absent or text). */
const runLineText = {
  partnerId: 'required',
  invoiceNumber: 'required',
  invoiceLine: 'required',
  invoiceDate: 'required',
  sku: 'required',
  category: 'required',
  quantity: 'required',
  uom: 'required',
  extendedAmount: 'required',
  currency: 'required',
  shipDate: 'optional',
  orderDate: 'optional',
  endCustomerId: 'optional',
  billTo: 'optional',
  shipTo: 'optional',
  orderType: 'optional',
  salesperson: 'optional',
  warehouse: 'optional',
  sourceFileId: 'optional',
} as const satisfies Partial<Record<keyof ChannelSaleLine, 'required' | 'optional'>>;
const runLineFieldsOf = (presence: 'required' | 'optional') =>
  Object.entries(runLineText).flatMap(([field, of]) => (of === presence ? [field] : []));
const requiredRunText = runLineFieldsOf('required');
const optionalRunText = runLineFieldsOf('optional');

/**
 * The sale lines of one page of a run's read (`partition` read with the run's projection), checked by a
 * structural guard instead of a schema: the run reads up to a million lines, and a zod parse of the same
 * fields measured ~1–2.3 µs a line against the guard's ~0.4–0.8 µs (a loaded 2-core machine). The guard
 * checks every field the run reads has its type, so the one cast below holds; a line that fails it is named
 * by its partition and natural key.
 */
export function runSaleLinesOf(partition: string, page: readonly TableItem[]): readonly ChannelSaleLine[] {
  for (const item of page) {
    for (const field of requiredRunText) {
      if (typeof item[field] !== 'string') unreadableRunLine(partition, item, field, 'text');
    }
    for (const field of optionalRunText) {
      const value = item[field];
      if (value !== undefined && typeof value !== 'string') unreadableRunLine(partition, item, field, 'text');
    }
    if (item.custom !== undefined && (typeof item.custom !== 'object' || item.custom === null)) {
      unreadableRunLine(partition, item, 'custom', 'an object of texts');
    }
    if (item.sourceLineNumber !== undefined && typeof item.sourceLineNumber !== 'number') {
      unreadableRunLine(partition, item, 'sourceLineNumber', 'a number');
    }
  }
  return page as unknown as readonly ChannelSaleLine[];
}

function unreadableRunLine(partition: string, item: TableItem, field: string, expected: string): never {
  const value = item[field];
  throw new UnreadableItemError(
    `gsi1pk=${partition} (invoice ${String(item.invoiceNumber)} line ${String(item.invoiceLine)})`,
    field,
    value === undefined
      ? `missing (expected ${expected})`
      : `expected ${expected}, got ${JSON.stringify(value)}`,
  );
}

/** What the store keeps beside a line version: its version, its ingest outcome and what it replaced. */
export const lineBookkeepingSchema = z.object({
  version: z.number().int().positive(),
  ingestOutcome: z.enum([
    'accepted',
    'restated',
    'unchanged',
    'duplicate_in_file',
  ]) satisfies z.ZodType<LineOutcome>,
  replacesFileId: z.string().optional(),
});
