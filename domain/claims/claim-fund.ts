import type { AccrualFund } from '../accruals/accrual-entry';
import type { CurrencyCode } from '../shared/money';

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
