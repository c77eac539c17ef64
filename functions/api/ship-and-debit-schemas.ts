import { z } from 'zod';
import { businessCodeSchema } from '../../domain/shared/codes';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import { claimNumberSchema } from '../../domain/ship-and-debit/ship-and-debit-claim-request';
import { pageQuerySchema } from './api-schemas';

export const debitAuthorizationPathSchema = z.object({
  authorizationNumber: businessCodeSchema.describe('Authorization (contract) number, DA-…'),
});

export const shipAndDebitClaimPathSchema = z.object({
  shipAndDebitClaimId: z.string().regex(/^SDC-[A-Z0-9]{1,40}$/, 'must be a ship & debit claim id (SDC-…)'),
});

export const shipAndDebitListQuerySchema = pageQuerySchema.extend({
  partnerId: businessCodeSchema
    .optional()
    .describe('Only this partner’s (staff); a partner user always sees only its own'),
});

export const shipAndDebitClaimQuerySchema = z.object({
  partnerId: businessCodeSchema
    .optional()
    .describe('The partner claiming, when a channel manager submits a CSV or an 844 without N1*DS'),
  claimNumber: claimNumberSchema
    .optional()
    .describe('The partner’s claim (debit memo) number: required for CSV'),
  currency: currencyCodeSchema.optional().describe('The claim currency: required for CSV'),
});

const described = (what: string) => z.string().describe(what);

export const debitAuthorizationResponseSchema = z.looseObject({
  authorizationNumber: described('Authorization (contract) number partners quote on claims (844 CON02)'),
  partnerId: described('Partner the authorization is for'),
  currency: described('ISO 4217 currency of every price'),
  bookCostBasis: described(
    '`priceListOnShipDate` or `acquisitionCost`: what the book cost of a claim line is',
  ),
  status: described('`requested`, `approved`, `amended`, `expired` or `cancelled`'),
  version: z.number().int().describe('Version: 1 requested, +1 per decision, amendment or cancellation'),
  validFrom: described('First ship date covered'),
  validTo: described('Last ship date covered'),
  lines: z
    .array(
      z.looseObject({
        productSku: described('Product'),
        quantityCap: z.number().int().describe('Units authorized'),
        remainingQuantity: z.number().int().describe('Units not yet taken by approved claim lines'),
      }),
    )
    .describe('Products with their pricing method, cap and remaining quantity'),
  history: z
    .array(z.looseObject({}))
    .describe('Earlier versions: terms, status, who replaced them, when, why'),
  dealRegistrationId: z
    .string()
    .optional()
    .describe('The won deal registration it was created from (DR-…), when it was'),
});

export const shipAndDebitClaimResponseSchema = z.looseObject({
  claimId: described('Ship & debit claim id (SDC-…), given by the server'),
  claimNumber: described('The partner’s claim (debit memo) number'),
  partnerId: described('Partner claiming'),
  channel: described('`x12-844`, `csv` or `json`'),
  currency: described('ISO 4217 currency'),
  amountClaimed: described('Sum of the line amounts claimed'),
  amountApproved: described('Sum of the approved line amounts'),
  results: z
    .array(
      z.looseObject({
        lineNumber: z.number().int().describe('Claim line'),
        outcome: described('`approved`, `partiallyApproved` or `rejected`'),
        approvedQuantity: z.number().int().describe('Units approved'),
        approvedAmount: described('Amount approved'),
      }),
    )
    .describe('One result per readable line: outcome, X12 901 reject reason and 889 follow-up codes'),
  settlementClaimId: described(
    'Claim (CLM-SD-…, type `shipAndDebit`) that settles the approved amount',
  ).optional(),
});
