import { z } from 'zod';
import { businessCodeSchema, nameSchema } from '../shared/codes';
import { BusinessRuleError } from '../shared/errors';
import { Money } from '../shared/money/money';
import type { Stored } from '../shared/ports';

/** Unit of measure code, e.g. EA (each), CS (case), PL (pallet). */
export const uomCodeSchema = z
  .string()
  .regex(/^[A-Z0-9]{1,6}$/, 'must be 1-6 characters A-Z or 0-9, e.g. "EA"');

/** `1 <uom> = factor × base unit`, e.g. { uom: "CS", factor: "12" } when a case holds 12 each. */
export const uomConversionSchema = z.object({
  uom: uomCodeSchema.describe('The other unit, e.g. CS'),
  factor: z
    .string()
    .regex(/^\d{1,9}(\.\d{1,6})?$/, 'must be a positive decimal string, e.g. "12"')
    .refine((factor) => new Money(factor).gt(0), 'must be greater than zero')
    .describe('Base units in one `uom` (decimal string), e.g. "12" for a case of 12 each'),
});

export const productDetailsSchema = z
  .object({
    name: nameSchema.describe('Product name'),
    category: businessCodeSchema.describe('Product category code; programs may be scoped to categories'),
    baseUom: uomCodeSchema.describe('Base unit of measure: every quantity is converted to it, e.g. EA'),
    uomConversions: z
      .array(uomConversionSchema)
      .max(20)
      .default([])
      .describe('Other units partners may report in, as multiples of the base unit'),
    status: z
      .enum(['active', 'discontinued'])
      .default('active')
      .describe('`discontinued` products still accept reported sales'),
  })
  .superRefine((product, ctx) => {
    const seen = new Set([product.baseUom]);
    product.uomConversions.forEach((conversion, index) => {
      if (seen.has(conversion.uom)) {
        ctx.addIssue({
          code: 'custom',
          path: ['uomConversions', index, 'uom'],
          message: `unit '${conversion.uom}' is the base unit or listed twice`,
        });
      }
      seen.add(conversion.uom);
    });
  });

export const newProductSchema = z
  .object({ sku: businessCodeSchema.describe('Our product code (SKU)') })
  .and(productDetailsSchema);

export type ProductDetails = z.infer<typeof productDetailsSchema>;
export type ProductData = ProductDetails & { readonly sku: string };
export type Product = Stored<ProductData>;

/**
 * Converts a quantity in `uom` into the product's base unit, exactly: 3 CS of a 12-each case is "36".
 * Returns a decimal string because factors may be fractional (e.g. 1 EA = 0.5 PR).
 */
export function toBaseQuantity(product: ProductData, quantity: string, uom: string): string {
  if (uom === product.baseUom) return new Money(quantity).toFixed();
  const conversion = product.uomConversions.find((candidate) => candidate.uom === uom);
  if (!conversion) {
    throw new BusinessRuleError(
      `Product '${product.sku}' has no conversion from '${uom}' to '${product.baseUom}'`,
    );
  }
  return new Money(quantity).times(conversion.factor).toFixed();
}
