import type { VolumeBasis } from '../../programs/rates';
import {
  AMOUNT_DECIMALS,
  divideHalfEven,
  floorDiv,
  formatScaled,
  powerOfTen,
  VOLUME_DECIMALS,
} from '../../shared/money/scaled-integer';
import type { BandTrace, TraceComponent } from '../accrual-entry';
import { allocateLargestRemainder } from '../allocation';
import { retrospectiveTierRebate, steppedTierRebate, tierIndexReached } from '../tier-math';
import { type RatingPlan, ratedBasisOfPlan } from './rating-plan';

/** Quantity and revenue of a pool or an entry, as integers of 1e-6. */
export interface Volume {
  readonly quantity: bigint;
  readonly revenue: bigint;
}

/** What the rating of one pool produced: each entry's exact share and the pool-level explanation. */
export interface PoolRating {
  /** Unrounded amount per entry, integers of 1e-14, in the order the entries were given. */
  readonly shares: readonly bigint[];
  /** The basis each entry's rate multiplied (its quantity or revenue), integers of 1e-6. */
  readonly ratedBases: readonly bigint[];
  /** The rate text applied to each entry; null where a stepped calculation applies several. */
  readonly rates: readonly (string | null)[];
  readonly explanation: Pick<
    TraceComponent,
    'method' | 'tierBasis' | 'poolVolume' | 'startingTier' | 'tierReached' | 'rateType' | 'bands'
  > & { readonly growth: { readonly baselineVolume: string; readonly growth: string | null } | null };
}

/** An entry of a pool: the basis its rate multiplies and the product it is for (SPIF rates are per product). */
export interface PoolEntry {
  readonly ratedBasis: bigint;
  readonly sku: string;
}

function pick(volume: Volume, basis: VolumeBasis): bigint {
  return basis === 'quantity' ? volume.quantity : volume.revenue;
}

/** The volume a plan measures its tiers on (0 for flat and per-product rates, which have none). */
export function tierVolumeOf(plan: RatingPlan, volume: Volume): bigint {
  return plan.kind === 'tiered' || plan.kind === 'growth' ? pick(volume, plan.tierBasis) : 0n;
}

/** The volume a plan's rate multiplies. */
export function ratedVolumeOf(plan: RatingPlan, volume: Volume): bigint {
  return pick(volume, ratedBasisOfPlan(plan));
}

const volumeText = (value: bigint) => formatScaled(value, VOLUME_DECIMALS);

function reachedTrace(
  plan: Extract<RatingPlan, { kind: 'tiered' | 'growth' }>,
  index: number,
): TraceComponent['tierReached'] {
  const tier = plan.tierTexts[index];
  return tier === undefined ? null : { index, from: tier.from, rate: tier.rate };
}

/** The index of the highest growth tier reached and the growth figure shown in traces. */
function growthReached(
  plan: Extract<RatingPlan, { kind: 'growth' }>,
  current: bigint,
  baseline: bigint,
): { readonly index: number; readonly growth: string | null } {
  const difference = current - baseline;
  if (plan.measure === 'absolute') {
    return { index: tierIndexReached(plan.tiers, difference), growth: volumeText(difference) };
  }
  // A percentage of nothing is undefined: without prior-year volume no percent-growth tier is reached.
  if (baseline <= 0n) return { index: -1, growth: null };
  const scaledPercent = difference * 100n * powerOfTen(VOLUME_DECIMALS);
  // percent ≥ from ⇔ floor(percent) ≥ from, thresholds being integers of 1e-6: the same tier decision.
  const index = tierIndexReached(plan.tiers, floorDiv(scaledPercent, baseline));
  return { index, growth: formatScaled(divideHalfEven(scaledPercent, baseline), VOLUME_DECIMALS) };
}

/**
 * Rates one pool: its tier volume (`tierVolumeOf`) and that of its growth baseline (0 without one), and the
 * entries (customer × item × …) it is made of.
 * Retrospective and flat rates multiply each entry's basis exactly. Stepped and incremental-growth amounts
 * exist only for the pool as a whole and are split over entries by largest remainder, exactly at 1e-14.
 * When a stepped program measures tiers in one basis and rates another (quantity tiers, % of revenue), the
 * revenue in each band is in proportion to its quantity, rounded half-even at 1e-14. `minorUnits` only
 * formats band amounts in traces.
 */
export function ratePool(
  plan: RatingPlan,
  volume: bigint,
  baselineVolume: bigint,
  entries: readonly PoolEntry[],
  startingTier: number,
  minorUnits: number,
): PoolRating {
  const ratedBases = entries.map((entry) => entry.ratedBasis);
  const ratedTotal = ratedBases.reduce((sum, value) => sum + value, 0n);
  const prequalified = startingTier >= 0 ? startingTier : null;

  if (plan.kind === 'flat') {
    return {
      shares: ratedBases.map((basis) => basis * plan.rate.factor),
      ratedBases,
      rates: entries.map(() => plan.rate.text),
      explanation: {
        method: 'flat',
        tierBasis: null,
        poolVolume: null,
        startingTier: null,
        tierReached: null,
        rateType: plan.rateType,
        bands: null,
        growth: null,
      },
    };
  }
  if (plan.kind === 'perSku') {
    const rates = entries.map((entry) => plan.rates.get(entry.sku));
    return {
      shares: ratedBases.map((basis, index) => basis * (rates[index]?.factor ?? 0n)),
      ratedBases,
      rates: rates.map((rate) => rate?.text ?? null),
      explanation: {
        method: 'flat',
        tierBasis: null,
        poolVolume: null,
        startingTier: null,
        tierReached: null,
        rateType: 'amountPerUnit',
        bands: null,
        growth: null,
      },
    };
  }

  if (plan.kind === 'growth') {
    const reached = growthReached(plan, volume, baselineVolume);
    const index = Math.max(reached.index, startingTier);
    const rate = plan.tiers[index]?.rate ?? 0n;
    // A negative baseline (net prior-year returns) counts as none, so the increment never exceeds the volume.
    const increment = volume - (baselineVolume > 0n ? baselineVolume : 0n);
    const shares =
      plan.appliesTo === 'periodVolume'
        ? ratedBases.map((basis) => basis * rate)
        : allocateLargestRemainder(volume > 0n && increment > 0n ? increment * rate : 0n, ratedBases);
    return {
      shares,
      ratedBases,
      rates: entries.map(() => plan.tierTexts[index]?.rate ?? '0'),
      explanation: {
        method: 'retrospective',
        tierBasis: plan.tierBasis,
        poolVolume: volumeText(volume),
        startingTier: prequalified,
        tierReached: reachedTrace(plan, index),
        rateType: plan.rateType,
        bands: null,
        growth: { baselineVolume: volumeText(baselineVolume), growth: reached.growth },
      },
    };
  }

  const common = {
    tierBasis: plan.tierBasis,
    poolVolume: volumeText(volume),
    startingTier: prequalified,
    rateType: plan.rateType,
    growth: null,
  };
  if (plan.method === 'retrospective') {
    const { tierIndex } = retrospectiveTierRebate(plan.tiers, volume, startingTier);
    const rate = plan.tiers[tierIndex]?.rate ?? 0n;
    return {
      shares: ratedBases.map((basis) => basis * rate),
      ratedBases,
      rates: entries.map(() => plan.tierTexts[tierIndex]?.rate ?? '0'),
      explanation: {
        ...common,
        method: 'retrospective',
        tierReached: reachedTrace(plan, tierIndex),
        bands: null,
      },
    };
  }
  const stepped = steppedTierRebate(plan.tiers, volume, startingTier);
  // rated total × (tier-basis amount / tier-basis volume): exact whenever both bases are the same.
  const total = volume === 0n ? 0n : divideHalfEven(ratedTotal * stepped.amount, volume);
  const bandAmounts = allocateLargestRemainder(
    total,
    stepped.bands.map((band) => band.amount),
  );
  const bands: BandTrace[] = stepped.bands.map((band, index) => ({
    tierIndex: band.tierIndex,
    from: volumeText(band.from),
    to: band.to === null ? null : volumeText(band.to),
    volume: volumeText(band.volume),
    rate: plan.tierTexts[band.tierIndex]?.rate ?? '0',
    amount: formatScaled(bandAmounts[index] ?? 0n, AMOUNT_DECIMALS, minorUnits),
  }));
  return {
    shares: allocateLargestRemainder(total, ratedBases),
    ratedBases,
    rates: entries.map(() => null),
    explanation: {
      ...common,
      method: 'stepped',
      tierReached: reachedTrace(plan, stepped.tierIndex),
      bands,
    },
  };
}

/**
 * What rating a pool comes down to, without per-entry work: `multiply` (every entry's share is its rated
 * basis times `factor`), `perSku` (times its product's factor, for a SPIF), or `allocate` (the pool earns
 * `total`, split over entries by their rated bases). The engine's fast path applies it with exact number
 * arithmetic; `ratePool` is the full, BigInt explanation of the same rating and must agree with it to the
 * unit. One object shape for every mode (the unused figure is 0) keeps the per-pool code monomorphic.
 */
export interface PoolRule {
  readonly mode: 'multiply' | 'perSku' | 'allocate';
  readonly factor: bigint;
  readonly total: bigint;
}

const multiplyBy = (factor: bigint): PoolRule => ({ mode: 'multiply', factor, total: 0n });
const allocate = (total: bigint): PoolRule => ({ mode: 'allocate', factor: 0n, total });

/** The rule of one pool (volumes as for `ratePool`): the same tier and amount decisions as `ratePool`. */
export function poolRule(
  plan: RatingPlan,
  volume: bigint,
  baselineVolume: bigint,
  ratedTotal: bigint,
  startingTier: number,
): PoolRule {
  if (plan.kind === 'flat') return multiplyBy(plan.rate.factor);
  if (plan.kind === 'perSku') return { mode: 'perSku', factor: 0n, total: 0n };
  if (plan.kind === 'growth') {
    const reached = growthReached(plan, volume, baselineVolume);
    const rate = plan.tiers[Math.max(reached.index, startingTier)]?.rate ?? 0n;
    if (plan.appliesTo === 'periodVolume') return multiplyBy(rate);
    const increment = volume - (baselineVolume > 0n ? baselineVolume : 0n);
    return allocate(volume > 0n && increment > 0n ? increment * rate : 0n);
  }
  if (plan.method === 'retrospective') {
    const { tierIndex } = retrospectiveTierRebate(plan.tiers, volume, startingTier);
    return multiplyBy(plan.tiers[tierIndex]?.rate ?? 0n);
  }
  const stepped = steppedTierRebate(plan.tiers, volume, startingTier);
  return allocate(volume === 0n ? 0n : divideHalfEven(ratedTotal * stepped.amount, volume));
}
