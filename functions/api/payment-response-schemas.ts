import { z } from 'zod';
import { batchStatuses } from '../../domain/payments/payment-batch';

/**
 * Response bodies of the payment-batch routes. Objects are loose (a field added later breaks no client);
 * amounts are decimal strings in the batch's currency, never numbers.
 */

const amount = (meaning: string) =>
  z.string().describe(`${meaning}: decimal string in the batch's \`currency\` (e.g. "1280.00")`);
const actor = (meaning: string) =>
  z
    .looseObject({
      userId: z.string().describe('User id (token subject)'),
      role: z.string().describe('Role the user acted in'),
    })
    .describe(meaning);
const timestamp = (meaning: string) => z.string().describe(`${meaning} (ISO 8601 UTC)`);

const paidClaimSchema = z.looseObject({
  claimId: z.string().describe('Claim paid'),
  programId: z.string().describe('Program the claim is on'),
  period: z.string().describe('Program period label of the claim'),
  fund: z.string().describe('Fund the claim draws on (`rebate`, `coop`, `spif`)'),
  amount: amount('Approved amount of the claim'),
  references: z.array(z.string()).describe('The claim lines’ references (invoice, promotion)'),
  payableStatus: z
    .enum(['approved', 'partiallyApproved'])
    .describe('Status the claim goes back to if the payment is returned'),
});

export const partnerPaymentResponseSchema = z.looseObject({
  paymentId: z.string().describe('`<batchId>-<partnerId>`: the pain.001 EndToEndId'),
  batchId: z.string().describe('Batch the payment is in'),
  partnerId: z.string().describe('Partner paid'),
  payeeName: z.string().describe('Name paid (the account holder for bank transfers)'),
  amount: amount('Σ of its claims'),
  claims: z.array(paidClaimSchema).describe('Claims this payment settles'),
  account: z
    .looseObject({})
    .optional()
    .describe('Bank details paid to (bank transfers): accountHolderName, iban or accountNumber, bic'),
  status: z
    .enum(['scheduled', 'paid', 'returned'])
    .describe('`scheduled` until the batch is paid; `returned` when the bank sent it back'),
  returned: z
    .looseObject({
      at: timestamp('When it was recorded'),
      by: actor('Who recorded it'),
      reason: z.string().describe('Why the bank sent it back'),
    })
    .optional()
    .describe('Present once the payment was returned'),
  version: z.number().int().describe('Version of the payment; a return increments it'),
});

const headerFields = {
  batchId: z.string().describe('Payment batch id (PB-…)'),
  currency: z.string().describe('ISO 4217 currency of every amount of the batch'),
  method: z.enum(['bankTransfer', 'check', 'creditMemo']).describe('How the batch pays'),
  payableUpTo: z.string().describe('Claims approved on or before this date were taken (ISO date)'),
  requestedExecutionDate: z
    .string()
    .describe('When the bank should pay: the expected payment date (ISO date)'),
  status: z
    .enum(batchStatuses)
    .describe(
      'draft → approved (not by its creator) → exported (bank file taken) → paid; a batch too large for the ' +
        'request starts as building (202: its figures are the plan, payments follow) and becomes draft, or ' +
        'cancelled when every claim was scheduled elsewhere meanwhile',
    ),
  total: amount('Σ payments'),
  paymentCount: z.number().int().describe('Payments (one per partner)'),
  claimCount: z.number().int().describe('Claims paid'),
  excluded: z
    .array(
      z.looseObject({
        partnerId: z.string().describe('Partner whose claims were left out'),
        claimIds: z.array(z.string()).describe('Claims left out'),
        reason: z.string().describe('Stable reason code (e.g. `missingBankDetails`, `partnerOnHold`)'),
        message: z.string().describe('The reason in words'),
      }),
    )
    .describe('Payable claims left out of the batch, and why'),
  createdBy: actor('Who built the batch'),
  createdAt: timestamp('When it was built'),
  approvedBy: actor('Who approved it (never its creator)').optional(),
  approvedAt: timestamp('When it was approved').optional(),
  exportedAt: timestamp('When its bank file was first taken').optional(),
  paidBy: actor('Who marked it paid').optional(),
  paidAt: timestamp('When it was marked paid').optional(),
  version: z.number().int().describe('Version of the header, incremented by every change of state'),
};

export const paymentBatchHeaderResponseSchema = z.looseObject(headerFields);

export const paymentBatchResponseSchema = z.looseObject({
  ...headerFields,
  payments: z
    .array(partnerPaymentResponseSchema)
    .describe('One payment per partner (a partner user sees its own only)'),
});

/** What a partner user lists: its own payments, each with its batch's state and expected payment date. */
export const partnerPaymentViewSchema = partnerPaymentResponseSchema.extend({
  currency: z.string().describe('ISO 4217 currency of the payment'),
  method: z.enum(['bankTransfer', 'check', 'creditMemo']).describe('How it is paid'),
  batchStatus: z.enum(['draft', 'approved', 'exported', 'paid']).describe('Where its batch stands'),
  expectedPaymentDate: z
    .string()
    .describe('When the money is expected (the batch’s requested execution date)'),
});
