import { z } from 'zod';
import { businessCodeSchema } from '../shared/codes';
import { isoDateSchema } from '../shared/iso-date';

const idListSchema = z
  .array(z.string().trim().min(1))
  .min(1, 'list at least one value, or leave the filter out');
const codeListSchema = z.array(businessCodeSchema).min(1, 'list at least one value, or leave the filter out');

/** Which products count: all, listed items, or listed categories (exclusions are applied afterwards). */
export const productScopeSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('all') }),
  z.object({ scope: z.literal('items'), skus: codeListSchema }),
  z.object({ scope: z.literal('categories'), categories: codeListSchema }),
]);
export type ProductScope = z.infer<typeof productScopeSchema>;

/** A custom attribute test on a sale line, e.g. `{ attribute: "channel", operator: "in", values: ["RETAIL"] }`. */
export const attributeQualifierSchema = z.object({
  attribute: z.string().trim().min(1),
  operator: z.enum(['in', 'notIn']).default('in'),
  values: idListSchema,
});
export type AttributeQualifier = z.infer<typeof attributeQualifierSchema>;

/** The date of a sale line that decides which period (and rule window) it falls in. */
export const dateBasisSchema = z.enum(['invoice', 'ship', 'order']);
export type DateBasis = z.infer<typeof dateBasisSchema>;

/**
 * Which sale lines a program rewards. A filter left out means "any"; a line must pass every filter given.
 * `prequalifiedTiers` gives a starting tier index per tier holder (the partner, or the end customer when a
 * program measures tiers per customer): that holder is rated at least at that tier from the first unit.
 * `beneficiaryPartnerId` accrues the rebate to another partner (e.g. a buying group) instead of the seller.
 */
export const eligibilitySchema = z
  .object({
    partners: z.union([z.literal('all'), codeListSchema]).default('all'),
    customers: z.union([z.literal('all'), idListSchema]).default('all'),
    billTo: idListSchema.optional(),
    shipTo: idListSchema.optional(),
    orderTypes: idListSchema.optional(),
    orderLineTypes: idListSchema.optional(),
    salespeople: idListSchema.optional(),
    warehouses: idListSchema.optional(),
    qualifiers: z.array(attributeQualifierSchema).default([]),
    dateBasis: dateBasisSchema.default('invoice'),
    products: productScopeSchema.default({ scope: 'all' }),
    excludedSkus: z.array(businessCodeSchema).default([]),
    excludedCategories: z.array(businessCodeSchema).default([]),
    startDate: isoDateSchema,
    endDate: isoDateSchema.optional(),
    prequalifiedTiers: z.record(z.string().min(1), z.int().min(0)).default({}),
    beneficiaryPartnerId: businessCodeSchema.optional(),
  })
  .superRefine((eligibility, ctx) => {
    if (eligibility.endDate !== undefined && eligibility.endDate < eligibility.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
    }
  });
export type Eligibility = z.infer<typeof eligibilitySchema>;
