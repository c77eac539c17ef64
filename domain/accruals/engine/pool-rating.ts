import { BusinessRuleError } from '../../shared/errors';
import { AMOUNT_DECIMALS, floorDiv, powerOfTen } from '../../shared/money/scaled-integer';
import { roundPreservingTotal } from '../allocation';
import type { EntryRows } from './entry-rows';
import { EXACT_OPERAND_LIMIT } from './exact-number';
import { type ItemFactors, type PoolShares, splitFactor } from './pool-shares';
import { type ProgramContext, startingTier } from './program-context';
import { type PoolEntry, poolRule, ratePool } from './rate-pool';
import { type RatingPlan, ratedBasisOfPlan } from './rating-plan';
import type { SaleLineColumns } from './sale-line-columns';

/**
 * The sums of one pool while its lines are read, `POOL_SUMS` numbers from an offset in a Float64Array: its
 * tier volume, rated total and baseline tier volume, the micro-units of those three `POOL_MICROS` further on
 * (used only when the columns are wide), and the sum of the magnitudes of the rated values (a bound on every
 * entry's basis and on the pool's total).
 */
export const POOL_TIER = 0;
export const POOL_RATED = 1;
export const POOL_BASELINE_TIER = 2;
export const POOL_MICROS = 3;
export const POOL_RATED_MAGNITUDE = 6;
export const POOL_SUMS = 7;

/** An exact sum held as whole units and micro-units (wide) or as one number, as BigInt at 1e-6. */
function exactVolume(whole: number, micros: number | null): bigint {
  return micros === null ? BigInt(whole) : BigInt(whole) * 1_000_000n + BigInt(micros);
}

/** The pool sum at `at` of `sums` as BigInt at 1e-6. */
function exactSum(sums: Float64Array, at: number, wide: boolean): bigint {
  return exactVolume(sums[at] as number, wide ? (sums[at + POOL_MICROS] as number) : null);
}

/** An amount in minor units as a number: refuses one beyond 2^53 rather than lose a unit. */
export function safeAmount(amount: bigint): number {
  const value = Number(amount);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`accrual amount ${amount} minor units exceeds the exact range of the entry table`);
  }
  return value;
}

/**
 * Rates the pools of one program whose entries are summed in `EntryRows`, writing each entry's amount in
 * minor units. The pool total is rounded half-even once and spread over its entries by largest remainder,
 * the same result as the BigInt reference (`ratePool`, `roundPreservingTotal`), which rates a pool when a
 * bound of the number path does not hold. Everything that depends only on the program is fixed here, once.
 */
export class PoolRater {
  /** Pools rated by the BigInt path. */
  bigIntPools = 0;
  /** The columns the sums read: the rated basis, and the tier basis of plans with tiers (else null). */
  readonly ratedColumn: Float64Array;
  readonly ratedMicros: Float64Array | null;
  readonly tierColumn: Float64Array | null;
  readonly tierMicros: Float64Array | null;
  private readonly divisor: number;
  private readonly divisorBig: bigint;
  private readonly tupleStart: Int32Array;
  /** Per item id, a SPIF's factor as by `splitFactor`; empty for other programs. */
  private readonly itemFactors: ItemFactors;
  private readonly largestItemWhole: number;

  constructor(
    private readonly columns: SaleLineColumns,
    private readonly rows: EntryRows,
    private readonly shares: PoolShares,
    private readonly context: ProgramContext,
    private readonly plan: RatingPlan,
    private readonly minorUnits: number,
  ) {
    const revenue = ratedBasisOfPlan(plan) === 'revenue';
    this.ratedColumn = revenue ? columns.revenue : columns.quantity;
    this.ratedMicros = revenue ? columns.revenueMicros : columns.quantityMicros;
    const tierBasis = plan.kind === 'tiered' || plan.kind === 'growth' ? plan.tierBasis : null;
    this.tierColumn =
      tierBasis === null ? null : tierBasis === 'revenue' ? columns.revenue : columns.quantity;
    this.tierMicros =
      tierBasis === null ? null : tierBasis === 'revenue' ? columns.revenueMicros : columns.quantityMicros;
    this.divisorBig = powerOfTen(AMOUNT_DECIMALS - minorUnits);
    this.divisor = Number(this.divisorBig);
    this.tupleStart = context.perSalesperson ? columns.sellerTupleStart : columns.tupleStart;
    const items = columns.sku.values;
    const size = plan.kind === 'perSku' ? items.length : 0;
    const factors: ItemFactors = {
      whole: new Float64Array(size),
      rest: new Float64Array(size),
      divisor: new Float64Array(size).fill(1),
      scale: new Float64Array(size),
    };
    let largest = 0;
    if (plan.kind === 'perSku') {
      items.forEach((sku, id) => {
        const rate = sku === undefined ? undefined : plan.rates.get(sku);
        if (rate === undefined) return;
        const split = splitFactor(rate.factor, this.divisorBig);
        factors.whole[id] = split.whole;
        factors.rest[id] = split.rest;
        factors.divisor[id] = split.divisor;
        factors.scale[id] = split.scale;
        largest = Math.max(largest, split.whole);
      });
    }
    this.itemFactors = factors;
    this.largestItemWhole = largest;
  }

  /**
   * Rates the pool of entries [start, end) whose sums are at `offset` in `sums` and whose holder is that of
   * `firstLine`. The number path is exact under the bounds checked here (every rated basis and the pool's
   * total within 2^50, factors small enough that whole-unit products stay below 2^52).
   */
  rate(start: number, end: number, firstLine: number, sums: Float64Array, offset: number): void {
    const { columns, context, plan, shares, divisor, divisorBig } = this;
    const wide = columns.wide;
    const volume = exactSum(sums, offset + POOL_TIER, wide);
    const baselineVolume = exactSum(sums, offset + POOL_BASELINE_TIER, wide);
    const ratedTotal = exactSum(sums, offset + POOL_RATED, wide);
    const holderTier = startingTier(columns, context, firstLine);
    const rule = poolRule(plan, volume, baselineVolume, ratedTotal, holderTier);
    const size = end - start;
    const amounts = this.rows.entryAmount;
    // Wide columns hold whole and micro-units apart: such pools go to the BigInt path. The magnitude sum
    // bounds every basis without reading them; only a pool beyond it looks for its largest basis.
    const magnitude = sums[offset + POOL_RATED_MAGNITUDE] as number;
    const largest = wide
      ? Number.POSITIVE_INFINITY
      : magnitude <= EXACT_OPERAND_LIMIT
        ? magnitude
        : shares.largestBasis(amounts, start, size);
    const fits = largest <= EXACT_OPERAND_LIMIT && Math.abs(Number(ratedTotal)) <= EXACT_OPERAND_LIMIT;
    if (fits && rule.mode === 'multiply') {
      const factor = splitFactor(rule.factor, divisorBig);
      if (factor.whole * largest <= 2 ** 52) {
        shares.multiply(amounts, start, size, factor, divisor);
        return;
      }
    } else if (fits && rule.mode === 'perSku') {
      if (this.largestItemWhole * largest <= 2 ** 52) {
        const { entryTuple } = this.rows;
        shares.perItem(
          amounts,
          start,
          size,
          entryTuple,
          this.tupleStart,
          columns.sku.ids,
          this.itemFactors,
          divisor,
        );
        return;
      }
    } else if (fits) {
      if (ratedTotal === 0n) {
        if (rule.total !== 0n) {
          throw new BusinessRuleError('cannot allocate a non-zero amount over weights that add up to zero');
        }
        amounts.fill(0, start, end);
        return;
      }
      const weightSum = Number(ratedTotal);
      const weightTotal = BigInt(Math.abs(weightSum));
      const quotient = floorDiv(rule.total, weightTotal);
      const quotientWhole = floorDiv(quotient, divisorBig);
      if (Math.abs(Number(quotientWhole)) * largest <= 2 ** 52) {
        const rest = Number(rule.total - quotient * weightTotal);
        const quotientRest = Number(quotient - quotientWhole * divisorBig);
        shares.allocate(amounts, start, size, weightSum, Number(quotientWhole), quotientRest, rest, divisor);
        return;
      }
    }
    this.rateWithBigInt(volume, baselineVolume, holderTier, start, end);
  }

  /** The BigInt reference for a pool whose numbers would leave the exact range. */
  private rateWithBigInt(
    volume: bigint,
    baselineVolume: bigint,
    holderTier: number,
    start: number,
    end: number,
  ) {
    this.bigIntPools += 1;
    const { entryAmount, basisMicros, entryTuple } = this.rows;
    const skus = this.columns.sku;
    const entries: PoolEntry[] = [];
    for (let entry = start; entry < end; entry++) {
      const basis = exactVolume(
        entryAmount[entry] as number,
        basisMicros === null ? null : (basisMicros[entry] as number),
      );
      const line = this.tupleStart[entryTuple[entry] as number] as number;
      entries.push({ ratedBasis: basis, sku: skus.values[skus.ids[line] as number] ?? '' });
    }
    const rating = ratePool(this.plan, volume, baselineVolume, entries, holderTier, this.minorUnits);
    const { rounded } = roundPreservingTotal(rating.shares, AMOUNT_DECIMALS, this.minorUnits);
    rounded.forEach((amount, index) => {
      entryAmount[start + index] = safeAmount(amount);
    });
  }
}
