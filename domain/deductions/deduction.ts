import { z } from 'zod';
import type { AccrualFund } from '../accruals/accrual-entry';
import type { ClaimActor } from '../claims/claim';
import { businessCodeSchema } from '../shared/codes';
import { type CurrencyCode, currencyCodeSchema, currencyMinorUnits } from '../shared/money/money';

/**
 * A deduction: a partner short-paid one of our invoices and says the difference is a rebate. It stays `open`
 * until it is matched to claims (which it settles without a payment) or written off with a reason code.
 */
export const deductionStatuses = ['open', 'matched', 'writtenOff'] as const;
export type DeductionStatus = (typeof deductionStatuses)[number];

/** One line of the receivables system's export, as finance imports it. */
export const deductionLineSchema = z
  .object({
    partner: businessCodeSchema.describe('Partner that short-paid'),
    invoice: z.string().trim().min(1, 'must not be empty').max(64).describe('Our invoice it short-paid'),
    amount: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,4})?$/, 'must be a positive decimal, e.g. "120.50"')
      .refine((text) => !/^0+(\.0+)?$/.test(text), 'must be more than zero')
      .describe('Amount deducted, in `currency`'),
    currency: currencyCodeSchema.describe('ISO 4217 currency of the amount'),
    reason: z.string().trim().max(200).describe('What the partner said the deduction is for'),
    reference: z
      .string()
      .trim()
      .max(64)
      .describe('The partner’s reference (claim or promotion number), empty when none'),
  })
  .superRefine((line, ctx) => {
    // "10.005" EUR or "10.5" JPY cannot be settled to the cent: refused, never rounded silently.
    const decimals = line.amount.split('.')[1]?.length ?? 0;
    if (decimals > currencyMinorUnits[line.currency]) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `must have at most ${currencyMinorUnits[line.currency]} decimals in ${line.currency}`,
      });
    }
  });
export type DeductionLine = z.infer<typeof deductionLineSchema>;

/** The claim part a matched deduction settled, with what its ledger posting needs. */
export interface DeductionAllocation {
  readonly claimId: string;
  readonly programId: string;
  readonly period: string;
  readonly fund: AccrualFund;
  /** Canonical, in the deduction's currency, > 0 and ≤ what was payable on the claim. */
  readonly amount: string;
}

/** Why finance wrote a deduction off instead of matching it; `other` needs a note saying why. */
export const writeOffCodes = ['belowThreshold', 'unsupported', 'customerGoodwill', 'other'] as const;
export type WriteOffCode = (typeof writeOffCodes)[number];

export interface Deduction {
  readonly deductionId: string;
  readonly partnerId: string;
  readonly invoice: string;
  /** Canonical, with the currency's minor units. */
  readonly amount: string;
  readonly currency: CurrencyCode;
  readonly reason: string;
  readonly reference: string;
  readonly status: DeductionStatus;
  readonly importedAt: string;
  readonly importedBy: ClaimActor;
  /** Claims automatic matching found but could not choose between: a person picks. */
  readonly candidateClaimIds?: readonly string[];
  /** Set when `matched`: the claims it settled and how much of each. */
  readonly matches?: readonly DeductionAllocation[];
  readonly matched?: {
    readonly by: ClaimActor;
    readonly at: string;
    readonly automatic: boolean;
    /** Deduction less the amounts settled, within the tolerance (signed; "0.00" for an exact match). */
    readonly difference: string;
  };
  readonly writeOff?: {
    readonly code: WriteOffCode;
    readonly note?: string;
    readonly by: ClaimActor;
    readonly at: string;
  };
  /** Optimistic-concurrency version, incremented by every stored change. */
  readonly version: number;
}

/**
 * What makes two imported lines the same deduction: partner, invoice, reference and amount (canonical, so
 * "120.5" and "120.50" are one). Importing the same receivables line twice yields one deduction.
 */
export function sameLineKey(deduction: Pick<Deduction, 'partnerId' | 'invoice' | 'reference' | 'amount'>) {
  // JSON, not a separator: invoice and reference are free text and may contain any separator.
  return JSON.stringify([deduction.partnerId, deduction.invoice, deduction.reference, deduction.amount]);
}
