import { z } from 'zod';
import { Money } from '../shared/money/money';

/**
 * What a rate multiplies: `percentOfRevenue` ("2.5" means 2.5 % of the eligible extended amount) or
 * `amountPerUnit` ("0.10" means 0.10 of the program currency per base unit sold).
 */
export const rateTypeSchema = z.enum(['percentOfRevenue', 'amountPerUnit']);
export type RateType = z.infer<typeof rateTypeSchema>;

/** The volume a tier threshold is measured in: base-unit quantity or extended amount (revenue). */
export const volumeBasisSchema = z.enum(['quantity', 'revenue']);
export type VolumeBasis = z.infer<typeof volumeBasisSchema>;

/**
 * A non-negative rate, at most 6 decimals. Six decimals keep every rate exact as an integer of 1e-8 (a
 * percent becomes a fraction with two more decimals), which is the scale the accrual engine multiplies with.
 */
export const rateTextSchema = z
  .string()
  .regex(
    /^\d{1,9}(\.\d{1,6})?$/,
    'must be a non-negative decimal string with at most 6 decimals, e.g. "2.5"',
  );

/** A percentage between 0 and 100 with at most 6 decimals. */
export const percentSchema = rateTextSchema.refine(
  (value) => new Money(value).lte(100),
  'must be at most 100',
);

/**
 * A non-negative volume threshold or growth threshold (quantity, amount or percent), at most 6 decimals:
 * the scale of line quantities and amounts in the engine.
 */
export const thresholdSchema = z
  .string()
  .regex(
    /^\d{1,12}(\.\d{1,6})?$/,
    'must be a non-negative decimal string with at most 6 decimals, e.g. "1000"',
  );

/** The rated basis of a rate type: revenue for a percentage, quantity for an amount per unit. */
export function ratedBasisOf(rateType: RateType): VolumeBasis {
  return rateType === 'percentOfRevenue' ? 'revenue' : 'quantity';
}
