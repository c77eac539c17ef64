import type { AccrualEntry, TraceComponent } from '../accruals/accrual-entry';
import type { RebateProgram } from '../programs/program';
import type { ProgramPeriod } from '../programs/program-period';
import type { RateType, VolumeBasis } from '../programs/rates';
import type { Tier } from '../programs/tiers';
import type { IsoDate } from '../shared/iso-date';
import { type CurrencyCode, currencyMinorUnits, Money } from '../shared/money/money';

/** How close to its next tier a partner must be to be alerted, in % of that tier's threshold, by default. */
export const defaultNearTierPercent = '10';

/** Where a partner stands in one tiered program period after a run: its volume and the tier it reached. */
export interface MeasuredTierStanding {
  readonly period: string;
  readonly partnerId: string;
  readonly basis: VolumeBasis;
  readonly volume: string;
  /** Index of the tier reached (prequalification included); -1 below the first tier. */
  readonly tierReached: number;
}

/**
 * A partner close to its next tier: what it still has to sell (revenue in the program currency, or units),
 * the next tier and its rate, and the sentence the channel managers read.
 */
export interface NearTierAlert {
  readonly runId: string;
  readonly programId: string;
  readonly programVersion: number;
  readonly period: string;
  /** The period's last day: after it, no sale reaches the tier any more. */
  readonly periodEnd: IsoDate;
  readonly partnerId: string;
  readonly basis: VolumeBasis;
  readonly volume: string;
  /** Revenue basis: an amount in `currency`, rounded up to its minor unit; quantity basis: units. */
  readonly shortfall: string;
  readonly currency: CurrencyCode;
  readonly rateType: RateType;
  readonly nextTier: NextTier;
  readonly message: string;
}

/** The tier above the one reached. */
export interface NextTier {
  readonly index: number;
  readonly from: string;
  readonly rate: string;
}

/**
 * The tier above tier `tierReached` (-1: below the first), or null at the top tier. The engine decided the
 * tier reached (prequalified tiers included); the partner view and the near-tier alerts both take the next
 * one from here.
 */
export function nextTierAbove(tiers: readonly Tier[], tierReached: number): NextTier | null {
  const next = tiers[tierReached + 1];
  return next === undefined ? null : { index: tierReached + 1, from: next.from, rate: next.rate };
}

/** Tiered programs whose tiers a partner reaches with its own period volume: the ones near-tier applies to. */
function partnerTiers(program: RebateProgram): { tiers: readonly Tier[]; rateType: RateType } | null {
  const { terms } = program;
  if (terms.kind !== 'volume' && terms.kind !== 'annualVolume') return null;
  if (terms.kind === 'volume' && terms.tierEvaluation === 'line') return null;
  if (terms.tierScope !== 'partner') return null;
  return { tiers: terms.tiers, rateType: terms.rateType };
}

/** Whether near-tier alerts apply to a program (partner-level period tiers). */
export const alertsNearTier = (program: RebateProgram) => partnerTiers(program) !== null;

type TierPoolComponent = TraceComponent & { readonly poolVolume: string; readonly tierBasis: VolumeBasis };

/** A trace component of a pool measured against tiers (flat and per-product rates have no pool volume). */
const isTierPool = (component: TraceComponent): component is TierPoolComponent =>
  component.poolVolume !== null && component.tierBasis !== null;

/**
 * Each partner's standing per period in a run's entries of one program, read from the entries' traces (the
 * engine decided the tier, prequalified tiers included): one per partner pool and period.
 */
export function measuredStandings(entries: readonly AccrualEntry[]): MeasuredTierStanding[] {
  const standings = new Map<string, MeasuredTierStanding>();
  for (const entry of entries) {
    const key = `${entry.period}\u001f${entry.partnerId}`;
    if (standings.has(key)) continue;
    const component = entry.trace.components.find(isTierPool);
    if (component === undefined) continue;
    standings.set(key, {
      period: entry.period,
      partnerId: entry.partnerId,
      basis: component.tierBasis,
      volume: component.poolVolume,
      tierReached: component.tierReached?.index ?? -1,
    });
  }
  return [...standings.values()];
}

const grouped = (value: string) => {
  const [whole = '', fraction] = value.split('.');
  const withSeparators = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? withSeparators : `${withSeparators}.${fraction}`;
};

/** "4,200.00 USD" or "40 units". */
function shortfallText(shortfall: string, basis: VolumeBasis, currency: CurrencyCode): string {
  return basis === 'revenue' ? `${grouped(shortfall)} ${currency}` : `${grouped(shortfall)} units`;
}

/** "5 %" for a percentage tier, "0.50 USD per unit" for an amount per unit. */
function rateText(rate: string, rateType: RateType, currency: CurrencyCode): string {
  return rateType === 'percentOfRevenue' ? `${rate} %` : `${rate} ${currency} per unit`;
}

/**
 * The near-tier alerts of one program after a run, over the program `periods` the run measured. A partner is near its next tier when what it still misses
 * is more than nothing and at most the program's distance (`nearTierPercent` of the next threshold, 10 %
 * by default); a partner at the top tier has no next tier and is never alerted. A revenue shortfall is
 * rounded up to the currency's minor unit, so selling the amount shown reaches the tier.
 */
export function nearTierAlerts(
  program: RebateProgram,
  runId: string,
  standings: readonly MeasuredTierStanding[],
  periods: readonly ProgramPeriod[],
): NearTierAlert[] {
  const tiered = partnerTiers(program);
  if (tiered === null) return [];
  const percent = new Money(program.nearTierPercent ?? defaultNearTierPercent);
  const periodEnds = new Map(periods.map((period) => [period.label, period.end]));
  const alerts: NearTierAlert[] = [];
  for (const standing of standings) {
    const next = nextTierAbove(tiered.tiers, standing.tierReached);
    const periodEnd = periodEnds.get(standing.period);
    if (next === null || periodEnd === undefined) continue;
    const missing = new Money(next.from).minus(standing.volume);
    if (missing.lte(0) || missing.gt(new Money(next.from).times(percent).dividedBy(100))) continue;
    const shortfall =
      standing.basis === 'revenue'
        ? missing.toFixed(currencyMinorUnits[program.currency], Money.ROUND_UP)
        : missing.toFixed();
    alerts.push({
      runId,
      programId: program.programId,
      programVersion: program.version,
      period: standing.period,
      periodEnd,
      partnerId: standing.partnerId,
      basis: standing.basis,
      volume: standing.volume,
      shortfall,
      currency: program.currency,
      rateType: tiered.rateType,
      nextTier: next,
      message: `${standing.partnerId} is ${shortfallText(shortfall, standing.basis, program.currency)} short of ${rateText(next.rate, tiered.rateType, program.currency)} on ${program.programId}`,
    });
  }
  return alerts.sort((a, b) =>
    a.period === b.period ? (a.partnerId < b.partnerId ? -1 : 1) : a.period < b.period ? -1 : 1,
  );
}
