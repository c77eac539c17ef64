import type { Role } from '../access/actor';
import type { AccrualFund } from '../accruals/accrual-entry';
import type { CurrencyCode } from '../shared/money/money';

/**
 * The kinds of claim. `shipAndDebit` claims are made from validated ship & debit claims; `mdf`: an approved
 * proof-of-performance claim on a co-op/MDF fund (domain/funds), made by its review. Neither is submitted
 * through POST /claims (see `submittableClaimTypes`); both settle through payment batches like an approved
 * rebate claim.
 */
export const claimTypes = ['rebate', 'shipAndDebit', 'mdf'] as const;
export type ClaimType = (typeof claimTypes)[number];

/** The claim types partners submit through POST /claims. */
export const submittableClaimTypes = ['rebate'] as const satisfies readonly ClaimType[];

/**
 * Where a claim stands. The main course: `submitted` → `validated` → `inApproval` → `approved` or
 * `partiallyApproved` (or `rejected`) → `scheduled` (in a payment batch) → `paid`. A claim failing automatic
 * validation ends `validationFailed` with its reasons; one returned to the partner for information waits in
 * `returnedToPartner` until the partner answers, then goes back to `inApproval`.
 */
export const claimStatuses = [
  'submitted',
  'validationFailed',
  'validated',
  'inApproval',
  'returnedToPartner',
  'approved',
  'partiallyApproved',
  'rejected',
  'scheduled',
  'paid',
] as const;
export type ClaimStatus = (typeof claimStatuses)[number];

/** One line of a claim: what the partner asks for against one reference (an invoice, a promotion id). */
export interface ClaimLine {
  /** 1-based, in the order submitted. */
  readonly lineNumber: number;
  /** Canonical decimal string with exactly the claim currency's minor units, > 0. */
  readonly amount: string;
  readonly reference: string;
  /** Keys of uploaded evidence objects or URLs the partner cites; may be empty. */
  readonly evidence: readonly string[];
}

/** Why automatic validation refused a claim or one of its lines; codes are stable and documented. */
export interface ClaimValidationFailure {
  readonly code: string;
  readonly message: string;
  /** The claim line the reason is about; absent for a claim-level reason. */
  readonly lineNumber?: number;
}

/** Who did something to a claim, as the audit trail keeps it. */
export interface ClaimActor {
  readonly userId: string;
  readonly role: Role;
}

/** A deduction that settled (part of) a claim without a payment: the partner kept that much of our invoice. */
export interface DeductionSettlement {
  readonly deductionId: string;
  /** Decimal string in the claim currency, > 0. */
  readonly amount: string;
  readonly at: string;
}

/** One entry of a claim's audit trail: every transition, with who, when, amounts and the reason. */
export interface ClaimHistoryEntry {
  readonly at: string;
  readonly by: ClaimActor;
  readonly from: ClaimStatus | null;
  readonly to: ClaimStatus;
  /** The amount approved before and after a decision (decimal strings, claim currency). */
  readonly amountBefore?: string;
  readonly amountAfter?: string;
  readonly reasonCode?: string;
  readonly comment?: string;
}

/**
 * A claim for money from a program fund: a partner's (or one submitted on its behalf) for one program,
 * program period, fund and currency. Amounts are decimal strings in `currency`; `amountClaimed` is the sum
 * of the lines; `amountApproved` is set by the approval decision.
 */
export interface Claim {
  readonly claimId: string;
  readonly type: ClaimType;
  readonly partnerId: string;
  readonly programId: string;
  readonly period: string;
  readonly fund: AccrualFund;
  readonly currency: CurrencyCode;
  readonly lines: readonly ClaimLine[];
  readonly amountClaimed: string;
  readonly amountApproved?: string;
  readonly status: ClaimStatus;
  readonly submittedBy: ClaimActor;
  readonly submittedAt: string;
  readonly validationFailures: readonly ClaimValidationFailure[];
  readonly history: readonly ClaimHistoryEntry[];
  /** Deductions set against the approved amount; what is left is payable by a payment batch. */
  readonly deductionSettlements?: readonly DeductionSettlement[];
  /** How a `paid` claim was settled when no payment paid it: `deduction` (see `deductionSettlements`). */
  readonly settledBy?: 'deduction';
  /** The payment batch a `scheduled` or `paid` claim is in. */
  readonly paymentBatchId?: string;
  /** Optimistic-concurrency version, incremented by every stored change. */
  readonly version: number;
}

/** What identifies a claim and its amount wherever it is summarised (inbox, events): its fund and what it asks. */
export function claimHeadline(claim: Claim) {
  return {
    claimId: claim.claimId,
    type: claim.type,
    partnerId: claim.partnerId,
    programId: claim.programId,
    period: claim.period,
    fund: claim.fund,
    currency: claim.currency,
    amountClaimed: claim.amountClaimed,
  };
}
