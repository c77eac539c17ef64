import { z } from 'zod';
import { Money } from '../shared/money/money';

const percentSchema = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a percent as a decimal string, e.g. "12.5"')
  .refine((text) => new Money(text).lte(100), 'must be at most 100');

const quantitySchema = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'must be a non-negative decimal string');

/**
 * The terms on which a price decrease is protected for the partners holding stock: a decrease smaller
 * than `minDecreasePercent` protects nothing; only units received within `eligibilityWindowDays` before
 * the change (first in, first out) and bought at the old price count; the partner is paid
 * `supportedDifferencePercent` of the difference on `supportedQuantityPercent` of those units.
 */
export const priceProtectionTermSchema = z
  .object({
    minDecreasePercent: percentSchema.describe('Smallest decrease (percent of the old book cost) protected'),
    eligibilityWindowDays: z
      .number()
      .int()
      .min(1)
      .max(366)
      .describe('Only stock received within this many days before the change is protected'),
    supportedDifferencePercent: percentSchema.describe('Percent of the price difference paid per unit'),
    supportedQuantityPercent: percentSchema.describe('Percent of the eligible units protected'),
    includeInTransit: z.boolean().describe('Whether stock in transit to the partner on the date counts'),
    reverseOnIncrease: z
      .boolean()
      .describe('Whether a price increase computes a recovery (reverse price protection) instead of nothing'),
    reconciliationToleranceUnits: quantitySchema.describe(
      'How far reported and computed on-hand may differ before a line is flagged for review',
    ),
  })
  .strict();
export type PriceProtectionTerm = z.infer<typeof priceProtectionTermSchema>;
