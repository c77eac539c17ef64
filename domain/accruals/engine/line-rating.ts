import { BusinessRuleError } from '../../shared/errors';
import { AMOUNT_DECIMALS, powerOfTen, roundHalfEven } from '../../shared/money/scaled-integer';
import { tierIndexReached } from '../tier-math';
import { floorMulDiv } from './exact-number';
import { safeAmount } from './pool-rating';
import { type SplitFactor, splitFactor } from './pool-shares';
import { type ProgramContext, startingTier } from './program-context';
import { poolRule, tierVolumeOf, type Volume } from './rate-pool';
import { type RatingPlan, ratedBasisOfPlan } from './rating-plan';
import type { SaleLineColumns } from './sale-line-columns';

/**
 * Rates single lines of a per-line program (each line is its own pool) to minor units, lines given by column
 * index. Retrospective tiers use numbers (a line value is at most 1e15 < 2^50, and factors below 8 whole
 * units keep products below 2^53); other cases use the BigInt rule.
 */
export class LineRater {
  private readonly divisor: number;
  private readonly ratesRevenue: boolean;
  private readonly tiersOnRevenue: boolean;
  /** Tier thresholds and split factors of the number path; empty when lines take the BigInt rule. */
  private readonly thresholds: readonly { readonly from: number }[] = [];
  private readonly factors: readonly SplitFactor[] = [];
  private readonly remainder = new Float64Array(1);

  constructor(
    private readonly columns: SaleLineColumns,
    private readonly context: ProgramContext,
    private readonly plan: RatingPlan,
    private readonly minorUnits: number,
  ) {
    const divisor = powerOfTen(AMOUNT_DECIMALS - minorUnits);
    this.divisor = Number(divisor);
    this.ratesRevenue = ratedBasisOfPlan(plan) === 'revenue';
    this.tiersOnRevenue = plan.kind === 'tiered' && plan.tierBasis === 'revenue';
    if (plan.kind === 'tiered' && plan.method === 'retrospective') {
      const factors = plan.tiers.map((tier) => splitFactor(tier.rate, divisor));
      if (factors.every((factor) => factor.whole < 8)) {
        this.thresholds = plan.tiers.map((tier) => ({ from: Number(tier.from) }));
        this.factors = factors;
      }
    }
  }

  /** A line's quantity or revenue at 1e-6 as one number (whole and micro-units combined when wide). */
  private value(revenue: boolean, index: number): number {
    const { columns } = this;
    const whole = revenue ? columns.revenue : columns.quantity;
    const micros = revenue ? columns.revenueMicros : columns.quantityMicros;
    return micros === null
      ? (whole[index] as number)
      : (whole[index] as number) * 1e6 + (micros[index] as number);
  }

  /** The amount of line `index` in minor units. */
  rate(index: number): number {
    if (this.factors.length === 0) return this.rateWithBigInt(index);
    const { thresholds, divisor } = this;
    const volume = Math.abs(this.value(this.tiersOnRevenue, index));
    const tier = tierIndexReached(thresholds, volume, startingTier(this.columns, this.context, index));
    if (tier < 0) return 0;
    const factor = this.factors[tier] as SplitFactor;
    const rated = this.value(this.ratesRevenue, index);
    const whole = factor.whole * rated + floorMulDiv(factor.rest, rated, factor.divisor, this.remainder, 0);
    const rest = (this.remainder[0] as number) * factor.scale;
    const half = divisor / 2;
    return rest > half || (rest === half && whole % 2 !== 0) ? whole + 1 : whole;
  }

  private rateWithBigInt(index: number): number {
    const volume: Volume = {
      quantity: BigInt(this.value(false, index)),
      revenue: BigInt(this.value(true, index)),
    };
    const rated = this.ratesRevenue ? volume.revenue : volume.quantity;
    const holderTier = startingTier(this.columns, this.context, index);
    const rule = poolRule(this.plan, tierVolumeOf(this.plan, volume), 0n, rated, holderTier);
    let share = 0n;
    if (rule.mode === 'multiply') share = rated * rule.factor;
    else if (rule.mode === 'allocate') {
      if (rated === 0n && rule.total !== 0n) {
        throw new BusinessRuleError('cannot allocate a non-zero amount over weights that add up to zero');
      }
      share = rule.total;
    }
    return safeAmount(roundHalfEven(share, AMOUNT_DECIMALS, this.minorUnits));
  }
}
