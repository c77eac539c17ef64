import { z } from 'zod';
import { businessCodeSchema, nameSchema } from '../shared/codes';
import { isoDateSchema } from '../shared/iso-date';
import { currencyCodeSchema, unitPriceSchema } from '../shared/money/money';
import type { Stored } from '../shared/ports';

/** A price list's header. All its entries are in its currency. */
export const priceListDetailsSchema = z.object({
  name: nameSchema.describe('Price list name'),
  currency: currencyCodeSchema.describe('ISO 4217 currency of every price in the list'),
  status: z.enum(['active', 'inactive']).default('active').describe('`inactive` lists are kept for history'),
});
export const newPriceListSchema = z
  .object({ priceListId: businessCodeSchema.describe('Price list code') })
  .and(priceListDetailsSchema);

export type PriceListDetails = z.infer<typeof priceListDetailsSchema>;
export type PriceListData = PriceListDetails & { readonly priceListId: string };
export type PriceList = Stored<PriceListData>;

/**
 * The prices of one product from `effectiveFrom` on: list price (what end customers pay) and distributor book
 * cost (what distributors pay us). An entry holds until the next entry of the same product starts, so
 * effective periods never overlap or leave gaps.
 */
export const priceEntryPricesSchema = z.object({
  listPrice: unitPriceSchema.describe(
    'What end customers pay per base unit (decimal string in the list currency)',
  ),
  bookCost: unitPriceSchema.describe(
    'What distributors pay us per base unit (decimal string in the list currency)',
  ),
});
export const newPriceEntrySchema = z
  .object({
    sku: businessCodeSchema.describe('Our product code'),
    effectiveFrom: isoDateSchema.describe(
      'First day the prices hold (ISO date); they hold until the next entry',
    ),
  })
  .and(priceEntryPricesSchema);

export type PriceEntryPrices = z.infer<typeof priceEntryPricesSchema>;
export interface PriceEntryData extends PriceEntryPrices {
  readonly priceListId: string;
  readonly sku: string;
  readonly effectiveFrom: string;
  readonly currency: string;
}
export type PriceEntry = Stored<PriceEntryData>;

/** Id of an entry within the store: price list, product and start date. */
export type PriceEntryId = Pick<PriceEntryData, 'priceListId' | 'sku' | 'effectiveFrom'>;

/** Entries are listed per price list, or per price list and product. */
export interface PriceEntryGroup {
  readonly priceListId: string;
  readonly sku?: string;
}
