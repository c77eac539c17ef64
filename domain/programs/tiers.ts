import { z } from 'zod';
import { Money } from '../shared/money';
import { rateTextSchema, thresholdSchema } from './rates';

/**
 * One tier: from `from` (inclusive) up to the next tier's `from` (exclusive), the rate `rate` applies. The
 * last tier is open-ended. Whether `rate` is a percentage or an amount per unit is set by the program.
 */
export const tierSchema = z.object({ from: thresholdSchema, rate: rateTextSchema });
export type Tier = z.infer<typeof tierSchema>;

/**
 * A tier table. Thresholds must strictly ascend: a band is `[from_i, from_i+1)`, so ascending thresholds are
 * exactly what makes bands non-overlapping and gap-free. Volume below the first threshold earns nothing.
 */
export const tierTableSchema = z
  .array(tierSchema)
  .min(1, 'needs at least one tier')
  .max(20, 'at most 20 tiers')
  .superRefine((tiers, ctx) => {
    tiers.forEach((tier, index) => {
      const previous = tiers[index - 1];
      if (previous === undefined) return;
      // Unparseable thresholds already carry their own issue; comparing them would only add noise.
      if (!thresholdSchema.safeParse(tier.from).success || !thresholdSchema.safeParse(previous.from).success)
        return;
      if (!new Money(tier.from).gt(previous.from)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'from'],
          message: `must be greater than tier ${index - 1}'s threshold ${previous.from}: tiers ascend and do not overlap`,
        });
      }
    });
  });
