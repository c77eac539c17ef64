import { describe, expect, it } from 'vitest';
import { computeAccruals } from '../../../domain/accruals/engine/compute-accruals';
import { march2026, program, saleLine, sumCents } from './builders';

/** "0–9 units 5 %, units 10 and up 8 %", as a partner reads it and as the table is written. */
const unitTiers = [
  { from: '0', rate: '5' },
  { from: '10', rate: '8' },
];
/** Revenue tiers stay continuous: the first $1,000 at 5 %, everything from $1,000 on at 8 %. */
const revenueTiers = [
  { from: '0', rate: '5' },
  { from: '1000', rate: '8' },
];

function run(
  basis: 'quantity' | 'revenue',
  method: 'retrospective' | 'stepped',
  line: { quantityBase: string; extendedAmount: string },
  tierEvaluation: 'period' | 'line' = 'period',
) {
  const terms = {
    kind: 'volume' as const,
    basis,
    method,
    rateType: 'percentOfRevenue' as const,
    tierEvaluation,
    tiers: basis === 'quantity' ? unitTiers : revenueTiers,
  };
  return computeAccruals({
    lines: [saleLine({ lineId: 'L1', ...line })],
    programs: [program(terms)],
    period: march2026,
  });
}

const units = (count: number) => ({ quantityBase: String(count), extendedAmount: `${count * 10}.00` });

describe('quantity tiers count units: the Nth unit earns tier N’s rate (units at $10.00)', () => {
  it.each([
    [9, 0, '4.50', '4.50'],
    [10, 1, '5.30', '8.00'],
    [11, 1, '6.10', '8.80'],
    [12, 1, '6.90', '9.60'],
  ])('%i units reach tier %i: stepped $%s, retrospective $%s', (count, tier, stepped, retrospective) => {
    const steppedRun = run('quantity', 'stepped', units(count));
    const retrospectiveRun = run('quantity', 'retrospective', units(count));

    expect(sumCents(steppedRun.entries.map((entry) => entry.amount))).toBe(stepped);
    expect(sumCents(retrospectiveRun.entries.map((entry) => entry.amount))).toBe(retrospective);
    expect(steppedRun.entries[0]?.trace.components[0]?.tierReached?.index).toBe(tier);
    expect(retrospectiveRun.entries[0]?.trace.components[0]?.tierReached?.index).toBe(tier);
  });

  it('12 units stepped: the trace shows 9 units from 0 and 3 units from 10', () => {
    const component = run('quantity', 'stepped', units(12)).entries[0]?.trace.components[0];

    expect(component?.tierReached).toEqual({ index: 1, from: '10', rate: '8' });
    expect(component?.bands).toEqual([
      { tierIndex: 0, from: '0', to: '10', volume: '9', rate: '5', amount: '4.50' },
      { tierIndex: 1, from: '10', to: null, volume: '3', rate: '8', amount: '2.40' },
    ]);
  });

  it('a 12-unit line rated on its own size (order-size tiers) gives the same $6.90 and $9.60', () => {
    expect(run('quantity', 'stepped', units(12), 'line').entries[0]?.amount).toBe('6.90');
    expect(run('quantity', 'retrospective', units(12), 'line').entries[0]?.amount).toBe('9.60');
  });
});

describe('revenue tiers stay continuous: [from, next from)', () => {
  it.each([
    ['999.99', 0, '50.00', '50.00'],
    ['1000.00', 1, '50.00', '80.00'],
    ['1000.01', 1, '50.00', '80.00'],
    ['1100.00', 1, '58.00', '88.00'],
  ])('$%s reaches tier %i: stepped $%s, retrospective $%s', (revenue, tier, stepped, retrospective) => {
    const line = { quantityBase: '1', extendedAmount: revenue };
    const steppedRun = run('revenue', 'stepped', line);
    const retrospectiveRun = run('revenue', 'retrospective', line);

    expect(steppedRun.entries[0]?.amount).toBe(stepped);
    expect(retrospectiveRun.entries[0]?.amount).toBe(retrospective);
    expect(retrospectiveRun.entries[0]?.trace.components[0]?.tierReached?.index).toBe(tier);
  });

  it('$1,000.01 stepped is $1,000 at 5 % and one cent at 8 %, unrounded 50.0008', () => {
    expect(
      run('revenue', 'stepped', { quantityBase: '1', extendedAmount: '1000.01' }).entries[0]?.trace,
    ).toMatchObject({
      unroundedAmount: '50.0008',
    });
  });
});
