import { z } from 'zod';
import { claimStatuses } from '../../domain/claims/claim';
import { periodLabelSchema } from '../../domain/ledger/ledger-posting';
import { businessCodeSchema } from '../../domain/shared/codes';
import { pageQuerySchema } from './api-schemas';
import { amount, currency, fund, periodLabel } from './record-response-schemas';

/** Request and response schemas of the claim routes (see README, "Claims"). */

export const claimPathSchema = z.object({
  claimId: z.string().regex(/^CLM-[A-Z0-9-]{1,64}$/, 'must be a claim id (CLM-…)'),
});

export const claimListQuerySchema = pageQuerySchema.extend({
  status: z.enum(claimStatuses).optional().describe('Only claims in this status'),
  partnerId: businessCodeSchema
    .optional()
    .describe('Only this partner’s claims (staff); a partner user always sees only its own'),
  programId: businessCodeSchema.optional().describe('Only claims on this program'),
});

export const bulkClaimRequestSchema = z
  .object({
    programId: businessCodeSchema.describe('Program whose beneficiaries are paid'),
    period: periodLabelSchema.describe('Program period label whose available balances are claimed'),
  })
  .strict();

const actor = z.looseObject({
  userId: z.string().describe('User id'),
  role: z.string().describe('Role the user acted in'),
});

export const claimResponseSchema = z.looseObject({
  claimId: z.string().describe('Claim id (CLM-…), given by the server'),
  type: z
    .string()
    .describe('Claim type: `rebate`, or `shipAndDebit` for the approved amount of a ship & debit claim'),
  partnerId: z.string().describe('Partner claiming (the beneficiary paid)'),
  programId: z.string().describe('Program code'),
  period: periodLabel,
  fund,
  currency,
  lines: z
    .array(
      z.looseObject({
        lineNumber: z.number().int().describe('Line number, from 1, in the order submitted'),
        amount: amount('Amount claimed on the line'),
        reference: z.string().describe('Invoice, promotion or agreement number claimed for'),
        evidence: z.array(z.string()).describe('Evidence keys or URLs cited'),
      }),
    )
    .describe('The claim lines'),
  amountClaimed: amount('Sum of the lines'),
  amountApproved: amount('Amount approved by the decision (absent until decided)').optional(),
  status: z
    .enum(claimStatuses)
    .describe(
      '`validated` (amount reserved, waiting for approval) or `validationFailed` (see `validationFailures`) after submission; then `inApproval`, `returnedToPartner`, `approved`, `partiallyApproved`, `rejected`, `scheduled`, `paid`',
    ),
  submittedBy: actor.describe(
    'Who submitted (the partner, a channel manager on its behalf, or finance in bulk)',
  ),
  submittedAt: z.string().describe('When submitted (ISO 8601 UTC)'),
  validationFailures: z
    .array(
      z.looseObject({
        code: z.string().describe('Stable reason code (README, "Claims")'),
        message: z.string().describe('What failed, for people'),
        lineNumber: z.number().int().optional().describe('The line it is about; absent for the whole claim'),
      }),
    )
    .describe('Why automatic validation refused the claim; empty when it passed'),
  history: z
    .array(
      z.looseObject({
        at: z.string().describe('When (ISO 8601 UTC)'),
        by: actor.describe('Who'),
        from: z.string().nullable().describe('Status before (null at submission)'),
        to: z.string().describe('Status after'),
        amountBefore: z.string().optional().describe('Amount approved before a decision'),
        amountAfter: z.string().optional().describe('Amount approved after a decision'),
        reasonCode: z.string().optional().describe('Reason code of the change'),
        comment: z.string().optional().describe('Comment given'),
      }),
    )
    .describe('Audit trail: every status change, oldest first'),
  deductionSettlements: z
    .array(
      z.looseObject({
        deductionId: z.string().describe('Deduction (DED-…) that settled this much without a payment'),
        amount: amount('Amount the deduction settled'),
        at: z.string().describe('When (ISO 8601 UTC)'),
      }),
    )
    .optional()
    .describe('Deductions set against the approved amount; the rest is paid by a payment batch'),
  settledBy: z
    .literal('deduction')
    .optional()
    .describe('`deduction` when a `paid` claim was settled by deductions, not a payment'),
  paymentBatchId: z.string().optional().describe('The payment batch (PB-…) a scheduled or paid claim is in'),
  version: z.number().int().describe('Changes with every stored change of the claim'),
});

export const bulkClaimResponseSchema = z.looseObject({
  created: z
    .array(
      z.looseObject({
        claimId: z.string().describe('Claim created (status `validated`)'),
        partnerId: z.string().describe('Beneficiary'),
        fund,
        currency,
        amountClaimed: amount('Its whole available balance'),
      }),
    )
    .describe('One claim per beneficiary fund with a positive available balance'),
  skipped: z
    .array(
      z.looseObject({
        partnerId: z.string().describe('Beneficiary'),
        fund,
        currency,
        reason: z
          .string()
          .describe(
            '`nothingAvailable`, `alreadyClaimed` (an earlier bulk call did) or a validation reason code',
          ),
        message: z.string().describe('Why, for people'),
      }),
    )
    .describe('Beneficiaries for which no claim was made'),
});
