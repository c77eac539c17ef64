import { z } from 'zod';
import { businessCodeSchema } from '../shared/codes';
import { isoDateSchema } from '../shared/iso-date';

const idListSchema = z
  .array(z.string().trim().min(1))
  .min(1, 'list at least one value, or leave the filter out');
const codeListSchema = z.array(businessCodeSchema).min(1, 'list at least one value, or leave the filter out');

/** Which products count: all, listed items, or listed categories (exclusions are applied afterwards). */
export const productScopeSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('all').describe('Every product') }),
  z.object({
    scope: z.literal('items').describe('Only the products listed in `skus`'),
    skus: codeListSchema.describe('Our SKUs'),
  }),
  z.object({
    scope: z.literal('categories').describe('Only products of the categories listed in `categories`'),
    categories: codeListSchema.describe('Category codes'),
  }),
]);
export type ProductScope = z.infer<typeof productScopeSchema>;

/** A custom attribute test on a sale line, e.g. `{ attribute: "channel", operator: "in", values: ["RETAIL"] }`. */
export const attributeQualifierSchema = z.object({
  attribute: z
    .string()
    .trim()
    .min(1)
    .describe('Custom attribute name, as kept from the partner file (`custom.<name>` in the mapping)'),
  operator: z
    .enum(['in', 'notIn'])
    .default('in')
    .describe('`in`: the value must be listed; `notIn`: must not be'),
  values: idListSchema.describe('Values compared'),
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
    partners: z
      .union([z.literal('all'), codeListSchema])
      .default('all')
      .describe('Selling partners whose lines count: `all` or a list of partner codes'),
    customers: z
      .union([z.literal('all'), idListSchema])
      .default('all')
      .describe('End customers whose lines count: `all` or a list of end-customer ids'),
    billTo: idListSchema.optional().describe('Only lines billed to these site ids'),
    shipTo: idListSchema.optional().describe('Only lines shipped to these site ids'),
    orderTypes: idListSchema.optional().describe('Only these order types, as reported'),
    orderLineTypes: idListSchema.optional().describe('Only these order line types, as reported'),
    salespeople: idListSchema.optional().describe('Only lines of these salespeople'),
    warehouses: idListSchema.optional().describe('Only lines shipped from these warehouses'),
    qualifiers: z
      .array(attributeQualifierSchema)
      .default([])
      .describe('Custom attribute tests, all of which a line must pass'),
    dateBasis: dateBasisSchema
      .default('invoice')
      .describe('Which date of a line decides its program period: `invoice`, `ship` or `order`'),
    products: productScopeSchema
      .default({ scope: 'all' })
      .describe('Which products count (exclusions are applied afterwards)'),
    excludedSkus: z.array(businessCodeSchema).default([]).describe('SKUs that never count'),
    excludedCategories: z.array(businessCodeSchema).default([]).describe('Categories that never count'),
    startDate: isoDateSchema.describe('First day (inclusive) whose lines count (ISO date)'),
    endDate: isoDateSchema
      .optional()
      .describe('Last day (inclusive) whose lines count; open-ended when left out'),
    prequalifiedTiers: z
      .record(z.string().min(1), z.int().min(0))
      .default({})
      .describe(
        'Starting tier index (from 0) per tier holder (partner code, or end customer with customer scope): rated at least at that tier from the first unit',
      ),
    beneficiaryPartnerId: businessCodeSchema
      .optional()
      .describe('Partner the rebate is owed to instead of the seller (e.g. a buying group)'),
  })
  .superRefine((eligibility, ctx) => {
    if (eligibility.endDate !== undefined && eligibility.endDate < eligibility.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
    }
  });
export type Eligibility = z.infer<typeof eligibilitySchema>;
