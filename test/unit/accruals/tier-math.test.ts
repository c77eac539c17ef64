import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  retrospectiveTierRebate,
  type ScaledTier,
  scaledTier,
  steppedTierRebate,
} from '../../../domain/accruals/tier-math';
import { Money } from '../../../domain/shared/money/money';

const units = (value: number) => BigInt(value) * 1_000_000n;
/** $ per unit as a 1e-8 factor. */
const perUnit = (dollars: string) => BigInt(new Money(dollars).mul(1e8).toFixed(0));
/** Amounts come out at 1e-14; show them in dollars. */
const dollars = (amount: bigint) => new Money(amount.toString()).div(1e14).toFixed(2);

/** A continuous table (revenue or growth thresholds): bands are `[from, next from)`. */
const continuous = (from: bigint, rate: bigint) => scaledTier(from, rate, false);

// Continuous volume [0, 1000): $0.10, [1000, 5000): $0.20, 5000+: $0.30 per unit of volume.
const tiers: ScaledTier[] = [
  continuous(units(0), perUnit('0.10')),
  continuous(units(1000), perUnit('0.20')),
  continuous(units(5000), perUnit('0.30')),
];

describe('tier arithmetic on continuous thresholds, worked examples', () => {
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
    const fromHundred: ScaledTier[] = [continuous(units(100), perUnit('1'))];

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

// Counted units: "from 0 @5 %, from 10 @8 %" at $10.00 a unit reads "units 1–9 earn $0.50, units 10 and up $0.80".
const unitTiers: ScaledTier[] = [
  scaledTier(units(0), perUnit('0.50'), true),
  scaledTier(units(10), perUnit('0.80'), true),
];

describe('tier arithmetic on counted units: the Nth unit earns tier N’s rate in both methods', () => {
  it('12 units: stepped 9 × 0.50 + 3 × 0.80 = $6.90; retrospective 12 × 0.80 = $9.60', () => {
    const stepped = steppedTierRebate(unitTiers, units(12));

    expect(dollars(stepped.amount)).toBe('6.90');
    expect(stepped.bands.map((band) => [band.from, band.to, band.volume])).toEqual([
      [units(0), units(10), units(9)],
      [units(10), null, units(3)],
    ]);
    expect(dollars(retrospectiveTierRebate(unitTiers, units(12)).amount)).toBe('9.60');
  });

  it.each([
    [9, 0, '4.50', '4.50'],
    [10, 1, '5.30', '8.00'],
    [11, 1, '6.10', '8.80'],
    [12, 1, '6.90', '9.60'],
  ])('%i units reach tier %i: stepped $%s, retrospective $%s', (count, tier, stepped, retrospective) => {
    expect(steppedTierRebate(unitTiers, units(count)).tierIndex).toBe(tier);
    expect(retrospectiveTierRebate(unitTiers, units(count)).tierIndex).toBe(tier);
    expect(dollars(steppedTierRebate(unitTiers, units(count)).amount)).toBe(stepped);
    expect(dollars(retrospectiveTierRebate(unitTiers, units(count)).amount)).toBe(retrospective);
  });

  it('a first tier "from 1" and "from 0" both start at the first unit', () => {
    const fromOne = [
      scaledTier(units(1), perUnit('0.50'), true),
      scaledTier(units(10), perUnit('0.80'), true),
    ];

    expect(dollars(steppedTierRebate(fromOne, units(12)).amount)).toBe('6.90');
  });

  it('a first tier "from 100" pays from the 100th unit: 150 units earn 51 units at its rate', () => {
    const fromHundred = [scaledTier(units(100), perUnit('1'), true)];

    expect(retrospectiveTierRebate(fromHundred, units(99)).amount).toBe(0n);
    expect(steppedTierRebate(fromHundred, units(150)).amount).toBe(units(51) * perUnit('1'));
  });

  it('a fraction of the 10th unit stays at the lower rate until the unit is complete', () => {
    expect(dollars(steppedTierRebate(unitTiers, units(9) + 500_000n).amount)).toBe('4.75');
    expect(dollars(retrospectiveTierRebate(unitTiers, units(9) + 500_000n).amount)).toBe('4.75');
    // 10.5 units: 9 × 0.50 + 1.5 × 0.80.
    expect(dollars(steppedTierRebate(unitTiers, units(10) + 500_000n).amount)).toBe('5.70');
  });

  it('net returns of 12 units mirror the sale', () => {
    expect(dollars(steppedTierRebate(unitTiers, -units(12)).amount)).toBe('-6.90');
  });
});

/** Ascending tier tables, continuous or in counted whole units, with non-decreasing rates. */
const tierTables = fc
  .record({
    countsUnits: fc.boolean(),
    steps: fc.array(fc.tuple(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 500_000 })), {
      minLength: 1,
      maxLength: 6,
    }),
  })
  .map(({ countsUnits, steps }) => {
    let from = 0n;
    let rate = 0n;
    // Counted units need whole thresholds; continuous ones go down to 0.001.
    const stepSize = countsUnits ? 1_000_000n : 1000n;
    return steps.map(([gap, rateStep], index) => {
      if (index > 0) from += BigInt(gap) * stepSize;
      rate += BigInt(rateStep);
      return scaledTier(from, rate, countsUnits);
    });
  });

const countsUnits = (table: readonly ScaledTier[]) => table.some((tier) => tier.bandStart !== tier.from);

/**
 * Stepped tiers in decimal.js from the published definition. Continuous: the volume inside `[from, next)`.
 * Counted units: unit n (n = 1, 2, …) earns the rate of the highest tier with `from` ≤ n; a fraction of a unit
 * earns the rate of the tier the whole units reached.
 */
function referenceStepped(table: readonly ScaledTier[], volume: bigint): string {
  const v = new Money(volume.toString()).div(1e6);
  const fromOf = (tier: ScaledTier) => new Money(tier.from.toString()).div(1e6);
  let total = new Money(0);
  if (!countsUnits(table)) {
    table.forEach((tier, index) => {
      const next = table[index + 1];
      const top = next === undefined ? v : Money.min(v, fromOf(next));
      total = total.plus(Money.max(0, top.minus(fromOf(tier))).mul(tier.rate.toString()));
    });
    return total.mul(1e6).toFixed(0);
  }
  const whole = v.floor();
  table.forEach((tier, index) => {
    const next = table[index + 1];
    const last = next === undefined ? whole : Money.min(whole, fromOf(next).minus(1));
    const count = Money.max(0, last.minus(Money.max(fromOf(tier), 1)).plus(1));
    total = total.plus(count.mul(tier.rate.toString()));
  });
  const reached = table.filter((tier) => whole.gte(fromOf(tier))).at(-1);
  total = total.plus(v.minus(whole).mul(reached?.rate.toString() ?? 0));
  return total.mul(1e6).toFixed(0);
}

describe('tier arithmetic, properties', () => {
  it('stepped never exceeds retrospective when rates ascend', () => {
    fc.assert(
      fc.property(
        tierTables,
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

  it('one more unit never lowers what either method earns when rates do not decrease', () => {
    fc.assert(
      fc.property(tierTables, fc.bigInt({ min: 0n, max: 10n ** 13n }), (table, volume) => {
        for (const rebate of [steppedTierRebate, retrospectiveTierRebate]) {
          expect(rebate(table, volume + units(1)).amount).toBeGreaterThanOrEqual(
            rebate(table, volume).amount,
          );
        }
      }),
    );
  });

  it('both methods reach the same tier', () => {
    fc.assert(
      fc.property(tierTables, fc.bigInt({ min: 0n, max: 10n ** 13n }), (table, volume) => {
        expect(steppedTierRebate(table, volume).tierIndex).toBe(
          retrospectiveTierRebate(table, volume).tierIndex,
        );
      }),
    );
  });

  it('stepped bands add up and match a decimal.js reference', () => {
    fc.assert(
      fc.property(tierTables, fc.bigInt({ min: 0n, max: 10n ** 13n }), (table, volume) => {
        const result = steppedTierRebate(table, volume);
        expect(result.bands.reduce((sum, band) => sum + band.amount, 0n)).toBe(result.amount);
        expect(result.amount.toString()).toBe(referenceStepped(table, volume));
      }),
    );
  });

  it('both methods agree below the second threshold', () => {
    fc.assert(
      fc.property(tierTables, fc.bigInt({ min: 0n, max: 10n ** 13n }), (table, volume) => {
        const second = table[1]?.from;
        fc.pre(second === undefined || volume < second);
        fc.pre(volume >= (table[0]?.from ?? 0n));
        expect(steppedTierRebate(table, volume).amount).toBe(retrospectiveTierRebate(table, volume).amount);
      }),
    );
  });
});
