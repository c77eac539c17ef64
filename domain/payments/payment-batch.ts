import { z } from 'zod';
import type { AccrualFund } from '../accruals/accrual-entry';
import type { ClaimActor } from '../claims/claim';
import type { RemittanceDetails } from '../partners/remittance-details';
import { isoDateSchema } from '../shared/iso-date';
import { type CurrencyCode, currencyCodeSchema } from '../shared/money/money';

/**
 * How a batch pays: a bank transfer (exported as ISO 20022 pain.001), a check, or a credit memo set against
 * what the partner owes us (its receivable).
 */
export const paymentMethods = ['bankTransfer', 'check', 'creditMemo'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/**
 * Where a batch stands: `draft` (built, its claims scheduled) → `approved` (by someone other than its creator)
 * → `exported` (the bank file was taken) → `paid`. Checks and credit memos have no bank file: they may be
 * marked paid once approved. A batch too large to build in the request starts as `building` (its figures
 * are the plan's) and becomes `draft` in the background, or `cancelled` when nothing was left to schedule.
 */
export const batchStatuses = ['building', 'draft', 'approved', 'exported', 'paid', 'cancelled'] as const;
export type BatchStatus = (typeof batchStatuses)[number];

/** One partner's payment within a batch: `scheduled` until the batch is paid; `returned` when the bank sends it back. */
export const paymentStatuses = ['scheduled', 'paid', 'returned'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];

/** Why a payable claim was left out of a batch; codes are stable. */
export const exclusionReasons = {
  unknownPartner: 'the claim’s partner is not registered',
  partnerOnHold: 'the partner is on hold: its payments are held',
  missingBankDetails: 'the partner has no bank details (remittance) for a bank transfer',
  noApprovedAmount: 'the claim has no approved amount',
  scheduledElsewhere: 'the claim was scheduled or changed by someone else meanwhile',
} as const;
export type ExclusionReason = keyof typeof exclusionReasons;

/** What finance asks for: every payable claim in one currency, decided on or before `payableUpTo`. */
export const paymentBatchRequestSchema = z.object({
  currency: currencyCodeSchema.describe('ISO 4217 currency of the claims to pay'),
  method: z.enum(paymentMethods).describe('bankTransfer (pain.001 file), check or creditMemo'),
  payableUpTo: isoDateSchema.describe('Claims approved on or before this date are paid'),
  requestedExecutionDate: isoDateSchema
    .optional()
    .describe('When the bank should pay (pain.001 ReqdExctnDt); the batch creation date when absent'),
});
export type PaymentBatchRequest = z.infer<typeof paymentBatchRequestSchema>;

/** One claim a payment settles. `amount` is its approved amount (canonical, the currency's minor units). */
export interface PaidClaim {
  readonly claimId: string;
  readonly programId: string;
  readonly period: string;
  readonly fund: AccrualFund;
  readonly amount: string;
  /** The claim lines' references (invoice, promotion), for the partner's remittance advice. */
  readonly references: readonly string[];
  /** The status the claim was payable in, restored if the payment comes back. */
  readonly payableStatus: 'approved' | 'partiallyApproved';
}

/** What a partner is paid in one batch: the sum of its claims, exactly. */
export interface PartnerPayment {
  /** `<batchId>-<partnerId>`; the pain.001 EndToEndId and the ledger postings' payment id. */
  readonly paymentId: string;
  readonly batchId: string;
  readonly partnerId: string;
  readonly payeeName: string;
  readonly amount: string;
  readonly claims: readonly PaidClaim[];
  /** The partner's bank details when the batch was built (bank transfers only). */
  readonly account?: RemittanceDetails;
  readonly status: PaymentStatus;
  readonly returned?: { readonly at: string; readonly by: ClaimActor; readonly reason: string };
  /** Optimistic-concurrency version of the payment (a return changes it alone). */
  readonly version: number;
}

/** Claims of one partner a batch left out, and why. */
export interface ExcludedClaims {
  readonly partnerId: string;
  readonly claimIds: readonly string[];
  readonly reason: ExclusionReason;
  readonly message: string;
}

/** A batch without its payments: what listings show and what approval and payment change. */
export interface PaymentBatchHeader {
  readonly batchId: string;
  readonly currency: CurrencyCode;
  readonly method: PaymentMethod;
  readonly payableUpTo: string;
  readonly requestedExecutionDate: string;
  readonly status: BatchStatus;
  /** Σ payments, canonical with the currency's minor units. */
  readonly total: string;
  readonly paymentCount: number;
  readonly claimCount: number;
  readonly excluded: readonly ExcludedClaims[];
  readonly createdBy: ClaimActor;
  readonly createdAt: string;
  readonly approvedBy?: ClaimActor;
  readonly approvedAt?: string;
  readonly exportedAt?: string;
  readonly paidBy?: ClaimActor;
  readonly paidAt?: string;
  /** Optimistic-concurrency version of the header, incremented by every change of state. */
  readonly version: number;
}

/** A payment batch: its header and one payment per partner. */
export interface PaymentBatch extends PaymentBatchHeader {
  readonly payments: readonly PartnerPayment[];
}

/** The header of a batch (what is stored and listed apart from the payments). */
export function headerOf(batch: PaymentBatch): PaymentBatchHeader {
  const { payments: _payments, ...header } = batch;
  return header;
}
