/**
 * The claims benchmark's data, decided before anything runs: bench partners (each paid by bank transfer),
 * one fund each on one of the demo programs, the claims each fund takes (amounts seeded), and the credit
 * each fund is given (an approved adjustment of what its claims add up to plus a margin, so every claim fits and
 * the fund ends with just the margin left; see `creditMargin`).
 */
import { fromMinorUnits } from '../domain/shared/money/minor-units';
import { seededRandom } from '../test/support/seeded-random';

/** The demo programs claims draw on (USD), with their fund and a period of theirs. */
export const benchFunds = [
  { programId: 'COOP-2026', fund: 'coop', period: '2026-03' },
  { programId: 'VOL-SWITCH-2026', fund: 'rebate', period: '2026-03' },
  { programId: 'VOL-ALL-STEPPED', fund: 'rebate', period: 'FY2026-Q1' },
  { programId: 'PROMO-WIFI-MAR', fund: 'rebate', period: '2026-03' },
] as const;

export type BenchFund = (typeof benchFunds)[number];

export interface PlannedClaim {
  readonly partnerId: string;
  readonly fund: BenchFund;
  readonly amountMinor: bigint;
  readonly reference: string;
}

export interface ClaimsPlan {
  readonly partners: readonly { readonly partnerId: string; readonly fund: BenchFund }[];
  /** Below the auto-approve threshold, one partner after another (round robin), so racers hit different funds. */
  readonly spread: readonly PlannedClaim[];
  /** All on one fund (the hot-fund case). */
  readonly hot: readonly PlannedClaim[];
  /** Above the auto-approve threshold: each waits for an approver. */
  readonly waiting: readonly PlannedClaim[];
  /** The credit each partner's fund gets: Σ of its claims + `creditMargin`, in minor units. */
  readonly credit: ReadonlyMap<string, bigint>;
}

/**
 * Credit beyond a fund's claims. Settlement posts a claim before it ends its reservation; in between, the
 * checkbook counts it as claimed and reserved, so validation would refuse a claim that fits to the cent.
 */
export const creditMargin = 1_000_00n;

/** Claims below this are approved by the system; the waiting ones claim more. */
export const autoApproveBelow = '100.00';
const autoApproveBelowMinor = 100_00n;

export const hotPartnerId = 'BENCH-HOT';

export interface PlanSizes {
  readonly claims: number;
  readonly partners: number;
  readonly hotClaims: number;
  readonly waitingTasks: number;
}

export function planClaims(sizes: PlanSizes): ClaimsPlan {
  const random = seededRandom(20261206);
  const partners = Array.from({ length: sizes.partners }, (_, index) => ({
    partnerId: `BENCH-${String(index).padStart(6, '0')}`,
    fund: benchFunds[index % benchFunds.length] as BenchFund,
  }));
  const credit = new Map<string, bigint>();
  const claim = (partner: { partnerId: string; fund: BenchFund }, amountMinor: bigint, reference: string) => {
    credit.set(partner.partnerId, (credit.get(partner.partnerId) ?? 0n) + amountMinor);
    return { partnerId: partner.partnerId, fund: partner.fund, amountMinor, reference };
  };
  // 0.01 to 99.99: below the threshold.
  const small = () => 1n + BigInt(Math.floor(random() * Number(autoApproveBelowMinor - 1n)));
  const spread = Array.from({ length: sizes.claims }, (_, index) =>
    claim(partners[index % partners.length] as (typeof partners)[number], small(), `SPREAD-${index}`),
  );
  const hotPartner = { partnerId: hotPartnerId, fund: benchFunds[0] };
  const hot = Array.from({ length: sizes.hotClaims }, (_, index) =>
    claim(hotPartner, small(), `HOT-${index}`),
  );
  const waiting = Array.from({ length: sizes.waitingTasks }, (_, index) =>
    claim(
      partners[index % partners.length] as (typeof partners)[number],
      autoApproveBelowMinor + BigInt(Math.floor(random() * 900_00)),
      `WAIT-${index}`,
    ),
  );
  for (const [partnerId, claimed] of credit) credit.set(partnerId, claimed + creditMargin);
  return { partners: [...partners, hotPartner], spread, hot, waiting, credit };
}

/** A minor-unit amount as the API writes USD. */
export const usd = (minor: bigint) => fromMinorUnits(minor, 'USD');

/** The claim request of a planned claim. */
export const claimRequest = (claim: PlannedClaim) => ({
  type: 'rebate',
  programId: claim.fund.programId,
  period: claim.fund.period,
  fund: claim.fund.fund,
  currency: 'USD',
  lines: [{ amount: usd(claim.amountMinor), reference: claim.reference, evidence: [] }],
});
