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
  productSku: businessCodeSchema,
  pricing: pricingMethodSchema,
  quantityCap: z.number().int().min(1).max(maxAuthorizedQuantity),
  resaleCeiling: unitPriceSchema.optional(),
});
export type RequestedAuthorizationLine = z.infer<typeof requestedLineSchema>;

const linesSchema = z
  .array(requestedLineSchema)
  .min(1)
  .max(maxAuthorizationLines)
  .superRefine((lines, ctx) => {
    const seen = new Set<string>();
    lines.forEach((line, index) => {
      if (seen.has(line.productSku))
        ctx.addIssue({ code: 'custom', path: [index, 'productSku'], message: 'is listed twice' });
      seen.add(line.productSku);
    });
  });

const termsShape = {
  coverage: debitAuthorizationCoverageSchema,
  validFrom: isoDateSchema,
  validTo: isoDateSchema,
  lines: linesSchema,
};

const validityRefinement = (terms: { validFrom: string; validTo: string }, ctx: z.RefinementCtx) => {
  if (terms.validTo < terms.validFrom)
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
};

/** A request for special pricing, by a partner for itself or by a channel manager for a partner. */
export const debitAuthorizationRequestSchema = z
  .object({
    partnerId: businessCodeSchema.optional().describe('Required when a channel manager requests'),
    currency: currencyCodeSchema,
    bookCostBasis: z.enum(bookCostBases),
    priceListId: businessCodeSchema
      .optional()
      .describe('The price list whose price on the ship date is the book cost (basis priceListOnShipDate)'),
    justification: z.string().trim().max(2000).optional(),
    ...termsShape,
  })
  .superRefine((request, ctx) => {
    validityRefinement(request, ctx);
    if (request.bookCostBasis === 'priceListOnShipDate' && request.priceListId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['priceListId'],
        message: 'is required when the book cost is the price list price on the ship date',
      });
  });
export type DebitAuthorizationRequest = z.infer<typeof debitAuthorizationRequestSchema>;

/** New terms for an approved authorization (an amendment), with the reason recorded in its history. */
export const debitAuthorizationAmendmentSchema = z
  .object({ ...termsShape, reason: z.string().trim().min(1).max(500) })
  .superRefine(validityRefinement);
export type DebitAuthorizationAmendment = z.infer<typeof debitAuthorizationAmendmentSchema>;

/**
 * An approver's (or channel manager's) decision on a request: approve as requested, or on other terms
 * (another cost or quantity per product, other dates), or reject.
 */
export const debitAuthorizationDecisionSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('approve'),
    comment: z.string().trim().max(500).optional(),
    validFrom: isoDateSchema.optional(),
    validTo: isoDateSchema.optional(),
    lines: linesSchema.optional().describe('The authorized lines when they differ from the requested ones'),
  }),
  z.object({ decision: z.literal('reject'), comment: z.string().trim().min(1).max(500) }),
]);
export type DebitAuthorizationDecision = z.infer<typeof debitAuthorizationDecisionSchema>;

export const debitAuthorizationCancellationSchema = z.object({ reason: z.string().trim().min(1).max(500) });
