import type { AccrualFund } from '../accruals/accrual-entry';
import { checkbookColumnOf } from '../ledger/checkbook';
import type { LedgerPosting, LedgerPostingKind } from '../ledger/ledger-posting';
import { toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';

/** One beneficiary's fund of one program period in one currency: what a claim draws on. */
export interface ClaimFundScope {
  readonly partnerId: string;
  readonly programId: string;
  readonly period: string;
  readonly fund: AccrualFund;
  readonly currency: CurrencyCode;
}

/**
 * What claims hold of one fund, in integers of the currency's minor unit. `reserved` is held by claims
 * still pending a decision; `settled` is what decided claims were approved for (and posted to the ledger);
 * `drawn` = reserved + settled is what the atomic reservation compares with the fund's credit.
 */
export interface ClaimFundDraws {
  readonly reserved: bigint;
  readonly settled: bigint;
  readonly drawn: bigint;
}

export const noDraws: ClaimFundDraws = { reserved: 0n, settled: 0n, drawn: 0n };

/**
 * The rule that keeps a fund from being overdrawn: a claim of `amount` may be reserved only while
 * drawn + amount ≤ credited (earned + adjustments). DynamoDB conditions cannot add, so the store writes it
 * as `drawn ≤ limit` with the limit computed here; a negative limit means no write can succeed.
 */
export function reservationLimit(credited: bigint, amount: bigint): bigint {
  return credited - amount;
}

/** The draws after a claim of `amount` is reserved. */
export function reserve(draws: ClaimFundDraws, amount: bigint): ClaimFundDraws {
  return { reserved: draws.reserved + amount, settled: draws.settled, drawn: draws.drawn + amount };
}

/**
 * The draws after a decided claim of `claimed` is settled for `approved` (0 when rejected, at most
 * `claimed`): the reservation is gone, the approved part stays drawn as settled, the rest is free again.
 */
export function settle(draws: ClaimFundDraws, claimed: bigint, approved: bigint): ClaimFundDraws {
  return {
    reserved: draws.reserved - claimed,
    settled: draws.settled + approved,
    drawn: draws.drawn - claimed + approved,
  };
}

/** What a fund's period holds for claims, from the checkbook, in minor units. */
export interface FundCredit {
  /** earned + adjustments: what the beneficiary may claim in total. */
  readonly credited: bigint;
  /** Approved claims posted to the ledger. */
  readonly claimed: bigint;
}

/**
 * Available to claim: credited − claimed − reserved. Pending claims count as soon as they are reserved;
 * an approved claim counts once, as claimed, after its settlement ended the reservation.
 */
export function availableToClaim(credit: FundCredit, draws: ClaimFundDraws): bigint {
  return credit.credited - credit.claimed - draws.reserved;
}

/** A fund's credit from some postings: earned + adjustments in minor units, and how many postings gave it. */
export interface FundCreditDelta {
  readonly scope: ClaimFundScope;
  readonly credited: bigint;
  readonly postings: number;
}

/** The posting kinds that credit a fund: those in the checkbook's earned and adjustments columns. */
export const fundCreditKinds = (Object.keys(checkbookColumnOf) as LedgerPostingKind[]).filter((kind) =>
  ['earned', 'adjustments'].includes(checkbookColumnOf[kind]),
);

/** The fund a posting credits (accruals, true-ups and adjustments), or undefined (claims and payments). */
export function fundCreditedBy(posting: LedgerPosting): ClaimFundScope | undefined {
  if (!fundCreditKinds.includes(posting.kind)) return undefined;
  return {
    partnerId: posting.beneficiaryPartnerId,
    programId: posting.programId,
    period: posting.period,
    fund: posting.fund,
    currency: posting.currency,
  };
}

/** A fund's scope as one text. */
export const fundScopeKey = (scope: ClaimFundScope) =>
  [scope.partnerId, scope.programId, scope.period, scope.fund, scope.currency].join('\u001f');

/**
 * What `postings` credit each fund with, in the checkbook's columns: earned (accruals, true-ups) and
 * adjustments. One delta per fund credited, even where it nets to zero.
 */
export function fundCreditsOf(postings: readonly LedgerPosting[]): FundCreditDelta[] {
  const deltas = new Map<string, FundCreditDelta>();
  for (const posting of postings) {
    const scope = fundCreditedBy(posting);
    if (scope === undefined) continue;
    const key = fundScopeKey(scope);
    const before = deltas.get(key);
    deltas.set(key, {
      scope,
      credited: (before?.credited ?? 0n) + toMinorUnits(posting.amount, posting.currency),
      postings: (before?.postings ?? 0) + 1,
    });
  }
  return [...deltas.values()];
}
