import { z } from 'zod';
import type { ClaimActor } from '../claims/claim';
import { BusinessRuleError } from '../shared/errors';
import { fromMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { availableOf, type FundBalances } from './fund';
import { type FundRequest, shareOf } from './fund-request';

/**
 * Where a proof-of-performance claim stands: `submitted` (in review, the request's reservation held) →
 * `approved`, `partiallyApproved` (settled: a `mdf` claim goes to payment) or `rejected` (reason).
 */
export const fundClaimStatuses = ['submitted', 'approved', 'partiallyApproved', 'rejected'] as const;
export type FundClaimStatus = (typeof fundClaimStatuses)[number];

/** A partner's claim against an approved fund request, after the activity, with its evidence. */
export interface FundClaim {
  readonly fundClaimId: string;
  readonly requestId: string;
  readonly fundId: string;
  readonly partnerId: string;
  readonly currency: CurrencyCode;
  readonly actualCost: string;
  /** min(actual cost × share, approved amount, fund balance): the most this claim may pay. */
  readonly payable: string;
  /** What the partner claims (≤ payable). */
  readonly amountClaimed: string;
  readonly amountApproved?: string;
  /** Object keys of the evidence uploaded under the partner's own prefix. */
  readonly evidence: readonly string[];
  readonly status: FundClaimStatus;
  readonly submittedBy: ClaimActor;
  readonly submittedAt: string;
  readonly reviewedBy?: ClaimActor;
  readonly reviewedAt?: string;
  readonly reason?: string;
  /** The `mdf` claim an approval created for payment (claims and payment batches settle it). */
  readonly settlementClaimId?: string;
  readonly version: number;
}

/**
 * What a fund can give one request's claim: the request's own reservation plus whatever the fund still has
 * available. With a reservation held it never falls below the approved amount; it is the third bound of the
 * rule all the same, so that a claim never pays what the fund does not hold.
 */
export function fundBalanceFor(reserved: bigint, balances: FundBalances): bigint {
  const available = availableOf(balances);
  return reserved + (available > 0n ? available : 0n);
}

/** The smaller of two amounts (Math.min takes no bigint). */
const smaller = (a: bigint, b: bigint) => (b < a ? b : a);

/**
 * The rule of proof of performance: a claim pays min(actual cost × share, approved amount, fund balance),
 * all in minor units. Example: approved 1,500.00 at 50 %, actual 2,400.00 → 1,200.00; actual 3,600.00 →
 * 1,500.00 (capped at the approved amount).
 */
export function payableAmount(
  actualCost: bigint,
  sharePercent: string,
  approved: bigint,
  fundBalance: bigint,
): bigint {
  const payable = [shareOf(actualCost, sharePercent), approved, fundBalance].reduce(smaller);
  return payable > 0n ? payable : 0n;
}

/** What a partner sends as proof of performance. */
export const fundClaimInputSchema = z
  .object({
    actualCost: z
      .string()
      .regex(/^\d{1,15}(\.\d{1,6})?$/, 'must be a positive decimal string, e.g. "2400.00"')
      .describe('What the activity cost, in the fund’s currency, > 0'),
    amount: z
      .string()
      .regex(/^\d{1,15}(\.\d{1,6})?$/, 'must be a positive decimal string, e.g. "1200.00"')
      .optional()
      .describe(
        'Amount claimed; at most min(actual × share, approved, fund balance), which is claimed when left out',
      ),
    evidence: z
      .array(z.string().trim().min(1).max(1024))
      .min(1, 'attach at least one evidence file (upload it first)')
      .max(20)
      .describe(
        'Object keys of uploaded evidence files (from POST /fund-requests/{requestId}/evidence-uploads)',
      ),
  })
  .strict();
export type FundClaimInput = z.output<typeof fundClaimInputSchema>;

/**
 * The amount a claim asks, checked: above the approved amount, above the actual cost's share, or above what
 * the fund still has, it is refused (422) with the field and the limit; left out, it is the payable amount.
 */
export function claimedAmount(
  request: FundRequest,
  input: { readonly actualCost: bigint; readonly amount: bigint | undefined },
  approved: bigint,
  fundBalance: bigint,
): { readonly payable: bigint; readonly claimed: bigint } {
  const payable = payableAmount(input.actualCost, request.sharePercent, approved, fundBalance);
  const text = (value: bigint) => `${fromMinorUnits(value, request.currency)} ${request.currency}`;
  if (input.amount === undefined) {
    if (payable <= 0n)
      throw new BusinessRuleError('Nothing is payable', [{ path: 'actualCost', message: 'pays nothing' }]);
    return { payable, claimed: payable };
  }
  const limits: [bigint, string][] = [
    [approved, `is above the approved amount ${text(approved)}`],
    [
      shareOf(input.actualCost, request.sharePercent),
      `is above ${request.sharePercent} % of the actual cost (${text(shareOf(input.actualCost, request.sharePercent))})`,
    ],
    [fundBalance, `is above the fund balance available to this request (${text(fundBalance)})`],
  ];
  for (const [limit, message] of limits) {
    if (input.amount > limit)
      throw new BusinessRuleError('The claim is above what may be paid', [{ path: 'amount', message }]);
  }
  if (input.amount <= 0n) {
    throw new BusinessRuleError('The claim is empty', [
      { path: 'amount', message: 'must be greater than zero' },
    ]);
  }
  return { payable, claimed: input.amount };
}

/** Review decisions: approve the amount claimed, approve part of it, or reject. */
export const fundClaimReviewSchema = z
  .discriminatedUnion('decision', [
    z
      .object({
        decision: z.literal('approve').describe('Approve the amount claimed'),
        comment: z.string().trim().max(1000).optional().describe('Note for the partner'),
      })
      .strict(),
    z
      .object({
        decision: z.literal('partial').describe('Approve part of the amount claimed'),
        amount: z
          .string()
          .regex(/^\d{1,15}(\.\d{1,6})?$/, 'must be a positive decimal string')
          .describe('Amount approved, > 0 and below the amount claimed'),
        reason: z.string().trim().min(1, 'say why only part is approved').max(1000).describe('Why only part'),
      })
      .strict(),
    z
      .object({
        decision: z.literal('reject').describe('Reject: the partner may claim again until the claim date'),
        reason: z.string().trim().min(1, 'say why').max(1000).describe('Why, for the partner'),
      })
      .strict(),
  ])
  .describe('`approve`, `partial` with amount and reason, or `reject` with reason');
export type FundClaimReview = z.output<typeof fundClaimReviewSchema>;
