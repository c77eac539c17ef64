import type { Actor } from '../access/actor';
import type { Claim } from '../claims/claim';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { availableOf, type Fund } from './fund';
import { fundOrNotFound } from './fund-access';
import type { FundDeps } from './ports';
import type { FundClaim } from './proof-of-performance';

/** What became of a fund, as amounts in its currency. */
export interface FundUtilization {
  readonly fundId: string;
  readonly partnerId: string;
  readonly kind: Fund['kind'];
  readonly status: Fund['status'];
  readonly currency: CurrencyCode;
  /** The budget, or the co-op balance the accrual fund was opened with. */
  readonly allocated: string;
  /** Held by approved requests not settled yet (claims in review included). */
  readonly reserved: string;
  /** Approved proof-of-performance claims. */
  readonly claimed: string;
  /** The part of `claimed` that payment batches paid. */
  readonly paid: string;
  /** Released at (or after) expiry, use it or lose it. */
  readonly expired: string;
  /** allocated − reserved − claimed − expired. */
  readonly available: string;
}

/**
 * A fund's utilization from its balances and the settlement claims of its approved proof-of-performance
 * claims (paid = those a payment batch paid). Claims stay the source of truth for payment.
 */
export function utilizationOf(
  fund: Fund,
  fundClaims: readonly FundClaim[],
  settlements: ReadonlyMap<string, Claim>,
): FundUtilization {
  const text = (value: bigint) => fromMinorUnits(value, fund.currency);
  const paid = fundClaims.reduce((sum, claim) => {
    const settlement =
      claim.settlementClaimId === undefined ? undefined : settlements.get(claim.settlementClaimId);
    if (settlement?.status !== 'paid' || settlement.amountApproved === undefined) return sum;
    return sum + toMinorUnits(settlement.amountApproved, fund.currency);
  }, 0n);
  return {
    fundId: fund.fundId,
    partnerId: fund.partnerId,
    kind: fund.kind,
    status: fund.status,
    currency: fund.currency,
    allocated: text(fund.balances.allocated),
    reserved: text(fund.balances.reserved),
    claimed: text(fund.balances.claimed),
    paid: text(paid),
    expired: text(fund.balances.expired),
    available: text(availableOf(fund.balances)),
  };
}

/** One fund's utilization; another partner's fund is a 404. */
export async function fundUtilization(
  deps: FundDeps,
  actor: Actor,
  fundId: string,
): Promise<FundUtilization> {
  const fund = await fundOrNotFound(deps, actor, fundId);
  const fundClaims = await deps.funds.listClaims({ fundId });
  const ids = fundClaims.flatMap((claim) =>
    claim.settlementClaimId === undefined ? [] : [claim.settlementClaimId],
  );
  const settlements = ids.length === 0 ? new Map<string, Claim>() : await deps.claims.getAll(ids);
  return utilizationOf(fund, fundClaims, settlements);
}

/** Utilization of every fund a partner may see (a partner its own; staff one partner's or all). */
export async function fundsUtilization(
  deps: FundDeps,
  actor: Actor,
  filter: { readonly partnerId?: string | undefined },
): Promise<FundUtilization[]> {
  const funds = await deps.funds.listFunds(actor.role === 'partner' ? actor.partnerId : filter.partnerId);
  return Promise.all(funds.map((fund) => fundUtilization(deps, actor, fund.fundId)));
}
