import type { ProgramTerms } from '../../programs/program-terms';
import { type RateType, ratedBasisOf, type VolumeBasis } from '../../programs/rates';
import type { Tier } from '../../programs/tiers';
import { Money } from '../../shared/money/money';
import { parseScaled, RATE_DECIMALS, VOLUME_DECIMALS } from '../../shared/money/scaled-integer';
import { type ScaledTier, scaledTier } from '../tier-math';

/** A rate ready for integer arithmetic, with the text it came from for traces. */
export interface ScaledRate {
  readonly factor: bigint;
  readonly text: string;
}

/**
 * A program's terms converted once, at the boundary, into exact integers: the hot loop and the pool rating
 * never parse decimal text again.
 */
export type RatingPlan =
  | {
      readonly kind: 'tiered';
      readonly method: 'retrospective' | 'stepped';
      readonly tierBasis: VolumeBasis;
      readonly rateType: RateType;
      readonly tiers: readonly ScaledTier[];
      readonly tierTexts: readonly Tier[];
    }
  | {
      readonly kind: 'growth';
      readonly tierBasis: VolumeBasis;
      readonly measure: 'absolute' | 'percent';
      readonly appliesTo: 'periodVolume' | 'incrementalVolume';
      readonly rateType: RateType;
      readonly tiers: readonly ScaledTier[];
      readonly tierTexts: readonly Tier[];
    }
  | { readonly kind: 'flat'; readonly rateType: RateType; readonly rate: ScaledRate }
  | { readonly kind: 'perSku'; readonly rates: ReadonlyMap<string, ScaledRate> };

/**
 * Converts a rate into an integer factor of 1e-8: a percentage becomes a fraction of revenue ("2.5" →
 * 0.025), an amount per unit stays an amount. decimal.js does the scaling so no float is ever involved.
 */
export function rateFactor(text: string, rateType: RateType): bigint {
  const fraction = rateType === 'percentOfRevenue' ? new Money(text).div(100) : new Money(text);
  const scaled = fraction.mul(new Money(10).pow(RATE_DECIMALS));
  if (!scaled.isInteger()) throw new RangeError(`rate ${text} has more precision than the engine carries`);
  return BigInt(scaled.toFixed(0));
}

/** `countsUnits`: quantity tiers of a volume program, whose thresholds are unit ordinals (see `scaledTier`). */
function scaleTiers(tiers: readonly Tier[], rateType: RateType, countsUnits: boolean): ScaledTier[] {
  return tiers.map((tier) =>
    scaledTier(parseScaled(tier.from, VOLUME_DECIMALS), rateFactor(tier.rate, rateType), countsUnits),
  );
}

/** The basis a plan's rate multiplies for one entry. */
export function ratedBasisOfPlan(plan: RatingPlan): VolumeBasis {
  return plan.kind === 'perSku' ? 'quantity' : ratedBasisOf(plan.rateType);
}

/** Builds the rating plan of every kind except lump sum, which rates no lines. */
export function ratingPlanOf(terms: Exclude<ProgramTerms, { kind: 'lumpSum' }>): RatingPlan {
  switch (terms.kind) {
    case 'volume':
    case 'annualVolume':
      return {
        kind: 'tiered',
        method: terms.method,
        tierBasis: terms.basis,
        rateType: terms.rateType,
        tiers: scaleTiers(terms.tiers, terms.rateType, terms.basis === 'quantity'),
        tierTexts: terms.tiers,
      };
    case 'growth':
      return {
        kind: 'growth',
        tierBasis: terms.basis,
        measure: terms.growthMeasure,
        appliesTo: terms.appliesTo,
        rateType: terms.rateType,
        // Growth thresholds measure a difference or a percentage, never a unit's ordinal.
        tiers: scaleTiers(terms.tiers, terms.rateType, false),
        tierTexts: terms.tiers,
      };
    case 'promotion':
      return {
        kind: 'flat',
        rateType: terms.rateType,
        rate: { factor: rateFactor(terms.rate, terms.rateType), text: terms.rate },
      };
    case 'coop':
      return {
        kind: 'flat',
        rateType: 'percentOfRevenue',
        rate: { factor: rateFactor(terms.percent, 'percentOfRevenue'), text: terms.percent },
      };
    case 'spif':
      return {
        kind: 'perSku',
        rates: new Map(
          terms.products.map((product) => [
            product.sku,
            { factor: rateFactor(product.amountPerUnit, 'amountPerUnit'), text: product.amountPerUnit },
          ]),
        ),
      };
  }
}
