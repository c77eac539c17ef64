import { z } from 'zod';
import { businessCodeSchema } from '../../domain/shared/codes';
import { isoDateSchema } from '../../domain/shared/iso-date';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import { claimNumberSchema } from '../../domain/ship-and-debit/ship-and-debit-claim-request';
import { pageQuerySchema } from './api-schemas';
import { evidenceUploadResponseSchema } from './fund-schemas';

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
    'Claim (CLM-SD-…, type `shipAndDebit`) that settles the approved amount less the bill-backs netted',
  ).optional(),
  autoSettlementClaimId: described(
    'Claim (CLM-SD-…-A) settling the lines below the per-line auto-approve threshold, when the claim also has lines at or above it',
  ).optional(),
  linesForReview: z
    .array(z.number().int())
    .describe(
      'Lines at or above the per-line auto-approve threshold (settled by `settlementClaimId`), when split',
    )
    .optional(),
  billBackOffsets: z
    .array(
      z.looseObject({ billBackId: described('Bill-back netted'), amount: described('Paid less, positive') }),
    )
    .describe('Open bill-backs of the partner this claim nets')
    .optional(),
  reversals: z
    .array(z.looseObject({}))
    .describe('Per line, what bill-backs took back since: units, amount, bill-back ids (one claim only)')
    .optional(),
});

export const billBackPathSchema = z.object({
  billBackId: z
    .string()
    .regex(/^SDB-[0-9A-F]{16}$/, 'must be a bill-back id (SDB-…)')
    .describe('Bill-back id (SDB-…)'),
});

export const billBackDetectionSchema = z.object({
  partnerId: businessCodeSchema.describe('Partner whose POS returns are billed back'),
  from: isoDateSchema.describe('First invoice date of the returns looked at'),
  to: isoDateSchema.describe('Last invoice date of the returns looked at (at most a year after `from`)'),
});

export const billBackResponseSchema = z.looseObject({
  billBackId: described('Bill-back id (SDB-…), derived from the partner and the return line'),
  partnerId: described('Partner that owes the credit back'),
  currency: described('ISO 4217 currency'),
  returned: z
    .looseObject({})
    .describe('The POS return line: invoice, line, date, end customer, product, units'),
  parts: z
    .array(z.looseObject({}))
    .describe('Claim lines whose credit is taken back: claim, line, authorization, units, amount'),
  quantity: z.number().int().describe('Units billed back'),
  amount: described('Credit taken back, negative'),
  restoredQuantity: z.number().int().describe('Units given back to the authorizations'),
  status: described('`open` until a later claim of the partner nets it, then `offset`'),
  offsetByClaimId: described('The ship & debit claim whose settlement netted it').optional(),
});

export const billBackDetectionResponseSchema = z.object({
  created: z.array(billBackResponseSchema).describe('Bill-backs made by this detection'),
  existing: z.array(billBackResponseSchema).describe('Bill-backs made earlier for the same return lines'),
  unmatched: z.array(z.looseObject({})).describe('Returns matching no credited claim line'),
});

export const attachmentUploadResponseSchema = evidenceUploadResponseSchema.extend({
  key: described('Object key of the attachment, under attachments/<partner>/<authorization>/'),
});

export const attachmentListResponseSchema = z.object({
  authorizationNumber: described('The authorization the files are attached to'),
  items: z
    .array(
      z.looseObject({
        key: described('Object key'),
        fileName: described('File name as kept (characters outside A-Z, a-z, 0-9, . _ - become _)'),
        contentType: described('Media type it was uploaded as'),
        sizeBytes: z.number().int().describe('Size in bytes'),
        uploadedAt: described('When the upload completed (ISO 8601)'),
        downloadUrl: described('Presigned GET that downloads the file'),
        downloadUrlExpiresAt: described('When the download URL stops working (ISO 8601, 5 minutes)'),
      }),
    )
    .describe('Uploaded attachments, oldest first'),
});
