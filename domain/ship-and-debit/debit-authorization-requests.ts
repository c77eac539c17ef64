import { z } from 'zod';
import { businessCodeSchema } from '../shared/codes';
import { isoDateSchema } from '../shared/iso-date';
import { currencyCodeSchema, unitPriceSchema } from '../shared/money/money';
import {
  bookCostBases,
  debitAuthorizationCoverageSchema,
  maxAuthorizedQuantity,
  pricingMethodSchema,
} from './debit-authorization';

/** At most this many products per authorization: an amendment moves every line in one atomic write. */
export const maxAuthorizationLines = 90;

const requestedLineSchema = z.object({
  productSku: businessCodeSchema.describe('Product (SKU)'),
  pricing: pricingMethodSchema.describe('How the credit per unit (or per claim line) is priced'),
  quantityCap: z
    .number()
    .int()
    .min(1)
    .max(maxAuthorizedQuantity)
    .describe('Units that may be claimed in all'),
  resaleCeiling: unitPriceSchema
    .optional()
    .describe('Highest unit price the partner may resell at (901 code 16 above it)'),
});
export type RequestedAuthorizationLine = z.infer<typeof requestedLineSchema>;

const linesSchema = z
  .array(requestedLineSchema)
  .min(1)
  .max(maxAuthorizationLines)
  .describe('Products authorized, one line each')
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    lines.forEach((line, index) => {
      if (seen.has(line.productSku))
        ctx.addIssue({ code: 'custom', path: [index, 'productSku'], message: 'is listed twice' });
      seen.add(line.productSku);
    });
  });

const termsShape = {
  coverage: debitAuthorizationCoverageSchema.describe(
    'Who the deal covers: one end customer, a segment, or any end customer (blanket)',
  ),
  validFrom: isoDateSchema.describe('First resale ship date covered'),
  validTo: isoDateSchema.describe('Last resale ship date covered'),
  lines: linesSchema,
};

const validityRefinement = (terms: { validFrom: string; validTo: string }, ctx: z.RefinementCtx) => {
  if (terms.validTo < terms.validFrom)
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
};

/** What the book cost of a claim line is, and the price list it is read from when it is a list price. */
export const bookCostShape = {
  bookCostBasis: z
    .enum(bookCostBases)
    .describe(
      'Book cost of a claim line: the price list’s book cost on the ship date, or the partner’s acquisition cost',
    ),
  priceListId: businessCodeSchema
    .optional()
    .describe('The price list whose price on the ship date is the book cost (basis priceListOnShipDate)'),
};

/** A list-price book cost needs its price list. */
export const bookCostRefinement = (
  terms: { bookCostBasis: string; priceListId?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  if (terms.bookCostBasis === 'priceListOnShipDate' && terms.priceListId === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['priceListId'],
      message: 'is required when the book cost is the price list price on the ship date',
    });
};

/** A request for special pricing, by a partner for itself or by a channel manager for a partner. */
export const debitAuthorizationRequestSchema = z
  .object({
    partnerId: businessCodeSchema.optional().describe('Required when a channel manager requests'),
    currency: currencyCodeSchema.describe('ISO 4217 currency of every price'),
    ...bookCostShape,
    justification: z.string().trim().max(2000).optional().describe('Competitor, target price, reasons'),
    ...termsShape,
  })
  .superRefine((request, ctx) => {
    validityRefinement(request, ctx);
    bookCostRefinement(request, ctx);
  });
export type DebitAuthorizationRequest = z.infer<typeof debitAuthorizationRequestSchema>;

/** New terms for an approved authorization (an amendment), with the reason recorded in its history. */
export const debitAuthorizationAmendmentSchema = z
  .object({ ...termsShape, reason: z.string().trim().min(1).max(500).describe('Why the terms change') })
  .superRefine(validityRefinement);
export type DebitAuthorizationAmendment = z.infer<typeof debitAuthorizationAmendmentSchema>;

/**
 * An approver's (or channel manager's) decision on a request: approve as requested, or on other terms
 * (another cost or quantity per product, other dates), or reject.
 */
export const debitAuthorizationDecisionSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('approve').describe('Approve: the authorization becomes claimable'),
    comment: z.string().trim().max(500).optional().describe('Approver’s note, kept in the history'),
    validFrom: isoDateSchema.optional().describe('Authorized first ship date, when not the requested one'),
    validTo: isoDateSchema.optional().describe('Authorized last ship date, when not the requested one'),
    lines: linesSchema.optional().describe('The authorized lines when they differ from the requested ones'),
  }),
  z.object({
    decision: z.literal('reject').describe('Reject: the request is cancelled'),
    comment: z.string().trim().min(1).max(500).describe('Why, kept in the history'),
  }),
]);
export type DebitAuthorizationDecision = z.infer<typeof debitAuthorizationDecisionSchema>;

export const debitAuthorizationCancellationSchema = z.object({
  reason: z.string().trim().min(1).max(500).describe('Why the authorization is cancelled'),
});
