import { z } from 'zod';
import { isoDateSchema } from '../shared/iso-date';
import { currencyCodeSchema } from '../shared/money/money';

// Field values become parts of aggregation keys joined by a control character, so none may contain one.
const idSchema = z
  .string()
  .min(1)
  .max(100)
  .refine((value) => !/\p{Cc}/u.test(value), 'must not contain control characters');

/** A signed decimal with at most 9 integer digits and 6 decimals: what the engine can carry exactly. */
const lineDecimalSchema = z
  .string()
  .regex(
    /^-?\d{1,9}(\.\d{1,6})?$/,
    'must be a decimal string with at most 9 digits before and 6 after the point',
  );

/**
 * A normalized sale line as the accrual engine reads it: one line of a partner's sales (POS) or sell-in report,
 * already converted to the product's base unit of measure. Returns carry a negative quantity and amount.
 */
export const saleLineSchema = z.object({
  lineId: idSchema,
  partnerId: idSchema,
  invoiceDate: isoDateSchema,
  shipDate: isoDateSchema,
  orderDate: isoDateSchema,
  sku: idSchema,
  category: idSchema,
  uom: idSchema,
  quantityBase: lineDecimalSchema,
  extendedAmount: lineDecimalSchema,
  currency: currencyCodeSchema,
  endCustomerId: idSchema,
  billTo: idSchema,
  shipTo: idSchema,
  orderType: idSchema,
  orderLineType: idSchema.optional(),
  salesperson: idSchema,
  warehouse: idSchema,
  attributes: z.record(z.string(), z.string()).default({}),
  /** Where the line came from, to explain late lines; not part of what the engine computes or fingerprints. */
  sourceFileId: z.string().optional(),
  sourceLineNumber: z.int().optional(),
});
export type SaleLine = z.infer<typeof saleLineSchema>;
