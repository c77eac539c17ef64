import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  retrospectiveTierRebate,
  type ScaledTier,
  steppedTierRebate,
} from '../../../domain/accruals/tier-math';
import { Money } from '../../../domain/shared/money';

const units = (value: number) => BigInt(value) * 1_000_000n;
/** $ per unit as a 1e-8 factor. */
const perUnit = (dollars: string) => BigInt(new Money(dollars).mul(1e8).toFixed(0));
/** Amounts come out at 1e-14; show them in dollars. */
const dollars = (amount: bigint) => new Money(amount.toString()).div(1e14).toFixed(2);

// 0–999 units: $0.10, 1000–4999: $0.20, 5000+: $0.30 per unit.
const tiers: ScaledTier[] = [
  { from: units(0), rate: perUnit('0.10') },
  { from: units(1000), rate: perUnit('0.20') },
  { from: units(5000), rate: perUnit('0.30') },
];

describe('tier arithmetic, worked examples', () => {
  it('6,000 units retrospective: the 5000+ rate on all units = $1,800.00', () => {
    const result = retrospectiveTierRebate(tiers, units(6000));

    expect(result.tierIndex).toBe(2);
    expect(dollars(result.amount)).toBe('1800.00');
  });

  it('6,000 units stepped: 1,000 × 0.10 + 4,000 × 0.20 + 1,000 × 0.30 = $1,200.00', () => {
    const result = steppedTierRebate(tiers, units(6000));

    expect(result.bands.map((band) => [Number(band.volume / 1_000_000n), dollars(band.amount)])).toEqual([
      [1000, '100.00'],
      [4000, '800.00'],
      [1000, '300.00'],
    ]);
    expect(dollars(result.amount)).toBe('1200.00');
  });

  it('exactly at a threshold reaches that tier (thresholds are inclusive)', () => {
    expect(retrospectiveTierRebate(tiers, units(1000)).tierIndex).toBe(1);
    expect(dollars(retrospectiveTierRebate(tiers, units(1000)).amount)).toBe('200.00');
    expect(retrospectiveTierRebate(tiers, units(1000) - 1n).tierIndex).toBe(0);
    // Stepped at exactly 1,000: the whole first band, nothing yet in the second.
    expect(dollars(steppedTierRebate(tiers, units(1000)).amount)).toBe('100.00');
  });

  it('below a first threshold above zero earns nothing', () => {
    const fromHundred: ScaledTier[] = [{ from: units(100), rate: perUnit('1') }];

    expect(retrospectiveTierRebate(fromHundred, units(99)).amount).toBe(0n);
    expect(steppedTierRebate(fromHundred, units(150)).amount).toBe(units(50) * perUnit('1'));
  });

  it('a prequalified starting tier rates from the first unit at that tier', () => {
    expect(dollars(retrospectiveTierRebate(tiers, units(10), 1).amount)).toBe('2.00');
    // Stepped from tier 1: 0–4,999 at $0.20, then $0.30: 5,000 × 0.20 + 1,000 × 0.30.
    expect(dollars(steppedTierRebate(tiers, units(6000), 1).amount)).toBe('1300.00');
  });

  it('net returns mirror a sale of the same size', () => {
    expect(dollars(retrospectiveTierRebate(tiers, -units(6000)).amount)).toBe('-1800.00');
    expect(dollars(steppedTierRebate(tiers, -units(6000)).amount)).toBe('-1200.00');
  });
});

const ascendingTiers = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 500_000 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((steps) => {
    let from = 0n;
    let rate = 0n;
    return steps.map(([gap, rateStep], index) => {
      if (index > 0) from += BigInt(gap) * 1000n;
      rate += BigInt(rateStep);
      return { from, rate };
    });
  });

/** Stepped tiers in decimal.js, band by band from the published definition. */
function referenceStepped(table: readonly ScaledTier[], volume: bigint): string {
  const v = new Money(volume.toString());
  let total = new Money(0);
  table.forEach((tier, index) => {
    const next = table[index + 1];
    const top = next === undefined ? v : Money.min(v, next.from.toString());
    const inBand = Money.max(0, top.minus(tier.from.toString()));
    total = total.plus(inBand.mul(tier.rate.toString()));
  });
  return total.toFixed(0);
}

describe('tier arithmetic, properties', () => {
  it('stepped never exceeds retrospective when rates ascend', () => {
    fc.assert(
      fc.property(
        ascendingTiers,
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.integer({ min: -1, max: 5 }),
        (table, volume, start) => {
          const startingTier = start < table.length ? start : -1;
          expect(steppedTierRebate(table, volume, startingTier).amount).toBeLessThanOrEqual(
            retrospectiveTierRebate(table, volume, startingTier).amount,
          );
        },
      ),
    );
  });

  it('stepped bands add up and match a decimal.js reference', () => {
    fc.assert(
      fc.property(ascendingTiers, fc.bigInt({ min: 0n, max: 10n ** 13n }), (table, volume) => {
        const result = steppedTierRebate(table, volume);
        expect(result.bands.reduce((sum, band) => sum + band.amount, 0n)).toBe(result.amount);
        expect(result.amount.toString()).toBe(referenceStepped(table, volume));
      }),
    );
  });

  it('both methods agree below the second threshold', () => {
    fc.assert(
      fc.property(ascendingTiers, fc.bigInt({ min: 0n, max: 10n ** 13n }), (table, volume) => {
        const second = table[1]?.from;
        fc.pre(second === undefined || volume < second);
        fc.pre(volume >= (table[0]?.from ?? 0n));
        expect(steppedTierRebate(table, volume).amount).toBe(retrospectiveTierRebate(table, volume).amount);
      }),
    );
  });
});
