import { z } from 'zod';
import { Money } from '../shared/money/money';
import { rateTextSchema, thresholdSchema } from './rates';

/**
 * One tier: reached when the volume is at least `from`; the last tier is open-ended. Whether `rate` is a
 * percentage or an amount per unit is set by the program (README, "Tier semantics").
 */
export const tierSchema = z.object({
  from: thresholdSchema.describe(
    'Threshold at which the tier is reached (volume ≥ from), decimal string. Quantity basis: a unit count, ' +
      '"10" = units 10 and up (the 10th unit is the first at this rate). Revenue basis: continuous, in the ' +
      'program currency, "1000" = revenue from 1,000.00 on; growth: the growth figure',
  ),
  rate: rateTextSchema.describe(
    'Rate of the tier, decimal string: a percentage for `percentOfRevenue` ("10" = 10 % of revenue), an ' +
      'amount in the program currency per base unit for `amountPerUnit` ("0.50" = 0.50 per unit)',
  ),
});
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
