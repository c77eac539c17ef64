import { z } from 'zod';
import { businessCodeSchema } from '../shared/codes';
import { isoDateSchema } from '../shared/iso-date';
import { currencyCodeSchema, unitPriceSchema } from '../shared/money/money';

/**
 * A debit authorization (special pricing agreement): the manufacturer lets one partner resell listed products
 * to one end customer (or, blanket, to any end customer, or any of a segment) below its book cost, and debit
 * the difference.
 * Its number is the contract number partners quote on claims (844 CON02).
 */

/** Where an authorization stands. `amended` is an approved authorization whose terms changed since. */
export const debitAuthorizationStatuses = [
  'requested',
  'approved',
  'amended',
  'expired',
  'cancelled',
] as const;
export type DebitAuthorizationStatus = (typeof debitAuthorizationStatuses)[number];

/** Statuses under which claims may draw on the authorization. */
export const claimableStatuses: readonly DebitAuthorizationStatus[] = ['approved', 'amended'];

/**
 * What the book cost of a claim line is: the price list price on the resale ship date, or what the partner
 * paid for the units (its acquisition cost). Recorded on every claim line.
 */
export const bookCostBases = ['priceListOnShipDate', 'acquisitionCost'] as const;
export type BookCostBasis = (typeof bookCostBases)[number];

/** Largest quantity an authorization line may cap: anything above is a typo, not a deal. */
export const maxAuthorizedQuantity = 1_000_000_000;
const quantitySchema = z.number().int().min(0).max(maxAuthorizedQuantity);

/** A percent of book cost, 0-100 with at most 4 decimals ("6", "12.5"). */
export const percentSchema = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a percent with at most 4 decimals, e.g. "6" or "12.5"')
  .refine((text) => Number.parseFloat(text) <= 100, 'must be at most 100');

/**
 * How a line's credit is priced. downTo: the partner's net cost becomes `authorizedCost`, credit per unit =
 * book − authorizedCost. downBy: credit per unit = `amountPerUnit`. downByPercent: credit per unit =
 * book × `percent` / 100. fixedPerClaim: one `amount` per claim line, whatever the quantity.
 */
export const pricingMethodSchema = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('downTo').describe('Down to cost: the partner’s net unit cost becomes authorizedCost'),
    authorizedCost: unitPriceSchema.describe('Net unit cost granted'),
  }),
  z.object({
    method: z.literal('downBy').describe('Down by an amount per unit'),
    amountPerUnit: unitPriceSchema.describe('Credit per unit'),
  }),
  z.object({
    method: z.literal('downByPercent').describe('Down by a percent of the book cost'),
    percent: percentSchema.describe('Percent of the book cost credited per unit'),
  }),
  z.object({
    method: z.literal('fixedPerClaim').describe('A fixed amount per claim line'),
    amount: unitPriceSchema.describe('Credit per claim line, whatever its quantity'),
  }),
]);
export type PricingMethod = z.infer<typeof pricingMethodSchema>;

/** One product on an authorization, with its cap and what is left of it after approved claims. */
export const debitAuthorizationLineSchema = z
  .object({
    productSku: businessCodeSchema,
    pricing: pricingMethodSchema,
    quantityCap: quantitySchema,
    remainingQuantity: quantitySchema,
    /** The highest unit price the partner may resell at, when the deal sets one. */
    resaleCeiling: unitPriceSchema.exactOptional(),
  })
  .refine((line) => line.remainingQuantity <= line.quantityCap, {
    path: ['remainingQuantity'],
    message: 'must not exceed the quantity cap',
  });
export type DebitAuthorizationLine = z.infer<typeof debitAuthorizationLineSchema>;

/**
 * Who the authorization covers: one named end customer; or, blanket, any end customer of a segment, or any end
 * customer of the partner at all (within the products, dates and caps). Where a claim line leaves its
 * authorization number blank, one naming the end customer is used before a blanket one (`authorizationPrecedence`).
 */
export const debitAuthorizationCoverageSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('endCustomer').describe('One named end customer'),
    endCustomerId: businessCodeSchema.describe('End customer id as the partner reports it in POS data'),
  }),
  z.object({
    kind: z.literal('segment').describe('Blanket: any end customer of a segment'),
    segment: businessCodeSchema.describe('End-customer segment code'),
  }),
  z.object({
    kind: z.literal('anyEndCustomer').describe('Blanket: any end customer of the partner'),
  }),
]);
export type DebitAuthorizationCoverage = z.infer<typeof debitAuthorizationCoverageSchema>;

/** The terms an amendment may change; each earlier set is kept in `history`. */
export const debitAuthorizationTermsSchema = z.object({
  coverage: debitAuthorizationCoverageSchema,
  validFrom: isoDateSchema,
  validTo: isoDateSchema,
  lines: z.array(debitAuthorizationLineSchema).min(1),
});
export type DebitAuthorizationTerms = z.infer<typeof debitAuthorizationTermsSchema>;

/** One earlier version of the authorization: its terms and status, and who replaced them when. */
export const debitAuthorizationVersionSchema = debitAuthorizationTermsSchema.extend({
  version: z.number().int().positive(),
  status: z.enum(debitAuthorizationStatuses),
  replacedAt: z.iso.datetime(),
  replacedBy: z.string().min(1),
  reason: z.string().exactOptional(),
});
export type DebitAuthorizationVersion = z.infer<typeof debitAuthorizationVersionSchema>;

export const debitAuthorizationSchema = debitAuthorizationTermsSchema
  .extend({
    authorizationNumber: businessCodeSchema,
    partnerId: businessCodeSchema,
    currency: currencyCodeSchema,
    bookCostBasis: z.enum(bookCostBases),
    /** The day the authorization was issued (approved): no resale before it can be claimed (901 code 19). */
    issuedOn: isoDateSchema.exactOptional(),
    status: z.enum(debitAuthorizationStatuses),
    version: z.number().int().positive(),
    history: z.array(debitAuthorizationVersionSchema),
    /** The price list whose price on the ship date is the book cost (basis `priceListOnShipDate`). */
    priceListId: businessCodeSchema.exactOptional(),
    /** Why the partner asks for the deal (competitor, end customer's target price). */
    justification: z.string().exactOptional(),
    /** Who requested it, and when (the request's time). */
    requestedBy: z.string().min(1).exactOptional(),
    requestedAt: z.iso.datetime().exactOptional(),
    /** The won deal registration it was created from, when it was (its special pricing follows the deal). */
    dealRegistrationId: businessCodeSchema.exactOptional(),
  })
  .superRefine((authorization, ctx) => {
    if (authorization.validTo < authorization.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
    }
    const skus = new Set<string>();
    authorization.lines.forEach((line, index) => {
      if (skus.has(line.productSku)) {
        ctx.addIssue({ code: 'custom', path: ['lines', index, 'productSku'], message: 'is listed twice' });
      }
      skus.add(line.productSku);
    });
    if (authorization.status !== 'requested' && authorization.issuedOn === undefined) {
      ctx.addIssue({ code: 'custom', path: ['issuedOn'], message: 'is required once approved' });
    }
  });
export type DebitAuthorization = z.infer<typeof debitAuthorizationSchema>;
