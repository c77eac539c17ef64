import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateEntryToLines } from '../../../domain/accruals/allocate-entry-to-lines';
import { diffAgainstPosted } from '../../../domain/accruals/diff-against-posted';
import { computeAccruals } from '../../../domain/accruals/engine/compute-accruals';
import type { SaleLine } from '../../../domain/accruals/sale-line';
import type { RebateProgram } from '../../../domain/programs/program';
import { Money } from '../../../domain/shared/money/money';
import { march2026, program, saleLine, sumCents } from './builders';

const decimal = (maxWhole: number, decimals: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxWhole }), fc.integer({ min: 0, max: 10 ** decimals - 1 }))
    .map(([whole, fraction]) =>
      decimals === 0 ? `${whole}` : `${whole}.${String(fraction).padStart(decimals, '0')}`,
    );

const lineArbitrary = fc
  .record({
    partnerId: fc.constantFrom('P1', 'P2'),
    endCustomerId: fc.constantFrom('C1', 'C2', 'C3'),
    sku: fc.constantFrom('S1', 'S2', 'S3'),
    quantity: decimal(3000, 3),
    amount: decimal(40000, 2),
    isReturn: fc.integer({ min: 0, max: 9 }).map((draw) => draw < 3),
    day: fc.integer({ min: 1, max: 31 }),
  })
  .map((fields) => ({
    partnerId: fields.partnerId,
    endCustomerId: fields.endCustomerId,
    sku: fields.sku,
    quantityBase: fields.isReturn ? `-${fields.quantity}` : fields.quantity,
    extendedAmount: fields.isReturn ? `-${fields.amount}` : fields.amount,
    invoiceDate: `2026-03-${String(fields.day).padStart(2, '0')}`,
  }));

const linesArbitrary = fc
  .array(lineArbitrary, { minLength: 1, maxLength: 25 })
  .map((items) =>
    items.map((fields, index) => saleLine({ ...fields, lineId: `L${String(index).padStart(3, '0')}` })),
  );

const tieredTermsArbitrary = fc
  .record({
    basis: fc.constantFrom('quantity' as const, 'revenue' as const),
    method: fc.constantFrom('retrospective' as const, 'stepped' as const),
    rateType: fc.constantFrom('percentOfRevenue' as const, 'amountPerUnit' as const),
    gaps: fc.array(fc.integer({ min: 1, max: 20000 }), { minLength: 0, maxLength: 4 }),
    rateSteps: fc.array(fc.integer({ min: 0, max: 250_000 }), { minLength: 5, maxLength: 5 }),
  })
  .map(({ basis, method, rateType, gaps, rateSteps }) => {
    let from = 0;
    let rate = 0;
    const tiers = [0, ...gaps].map((gap, index) => {
      from += gap;
      rate += rateSteps[index] ?? 0;
      // Rates with up to 6 decimals, ascending; percentages stay below 100.
      return {
        from: String(from),
        rate: new Money(rate).div(1e6 / (rateType === 'percentOfRevenue' ? 10 : 1)).toFixed(),
      };
    });
    return { kind: 'volume' as const, basis, method, rateType, tiers };
  });

/** The published definition of a partner's period rebate, computed from the raw strings with decimal.js. */
function referencePartnerRebate(lines: readonly SaleLine[], terms: RebateProgram['terms']): string {
  if (terms.kind !== 'volume') throw new Error('reference covers volume programs');
  const sumOf = (read: (line: SaleLine) => string) =>
    lines.reduce((sum, line) => sum.plus(read(line)), new Money(0));
  const volume = sumOf((line) => (terms.basis === 'quantity' ? line.quantityBase : line.extendedAmount));
  const rated = sumOf((line) =>
    terms.rateType === 'percentOfRevenue' ? line.extendedAmount : line.quantityBase,
  );
  const factor = (rate: string) => new Money(rate).div(terms.rateType === 'percentOfRevenue' ? 100 : 1);
  const magnitude = volume.abs();
  let exact: InstanceType<typeof Money>;
  if (terms.method === 'retrospective') {
    const reached = terms.tiers.filter((tier) => magnitude.gte(tier.from)).at(-1);
    exact = reached === undefined ? new Money(0) : rated.mul(factor(reached.rate));
  } else if (terms.basis === 'revenue') {
    let stepped = new Money(0);
    terms.tiers.forEach((tier, index) => {
      const next = terms.tiers[index + 1];
      const top = next === undefined ? magnitude : Money.min(magnitude, next.from);
      stepped = stepped.plus(Money.max(0, top.minus(tier.from)).mul(factor(tier.rate)));
    });
    // rated × (stepped / volume), carried to 1e-14 as the engine documents, then to cents.
    exact = magnitude.isZero() ? new Money(0) : rated.mul(stepped).div(magnitude).toDecimalPlaces(14);
  } else {
    // Quantity tiers count units: unit n earns the rate of the highest tier with `from` ≤ n; a fraction of a
    // unit earns the rate of the tier the whole units reached.
    const whole = magnitude.floor();
    let stepped = new Money(0);
    terms.tiers.forEach((tier, index) => {
      const next = terms.tiers[index + 1];
      const last = next === undefined ? whole : Money.min(whole, new Money(next.from).minus(1));
      const count = Money.max(0, last.minus(Money.max(tier.from, 1)).plus(1));
      stepped = stepped.plus(count.mul(factor(tier.rate)));
    });
    const reachedByWhole = terms.tiers.filter((tier) => whole.gte(tier.from)).at(-1);
    stepped = stepped.plus(magnitude.minus(whole).mul(factor(reachedByWhole?.rate ?? '0')));
    // rated × (stepped / volume), carried to 1e-14 as the engine documents, then to cents.
    exact = magnitude.isZero() ? new Money(0) : rated.mul(stepped).div(magnitude).toDecimalPlaces(14);
  }
  return exact.toDecimalPlaces(2).toFixed(2);
}

describe('computeAccruals properties', () => {
  it('the integer engine equals the decimal.js reference path, partner by partner, to the cent', () => {
    fc.assert(
      fc.property(linesArbitrary, tieredTermsArbitrary, (lines, terms) => {
        const volumeProgram = program(terms);
        const run = computeAccruals({ lines, programs: [volumeProgram], period: march2026 });
        for (const partnerId of ['P1', 'P2']) {
          const partnerLines = lines.filter((line) => line.partnerId === partnerId);
          const engine = sumCents(
            run.entries.filter((entry) => entry.partnerId === partnerId).map((entry) => entry.amount),
          );
          const expected =
            partnerLines.length === 0 ? '0.00' : referencePartnerRebate(partnerLines, volumeProgram.terms);
          expect(engine).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every entry is the sum of its trace components, unrounded and rounded, over its source lines', () => {
    fc.assert(
      fc.property(linesArbitrary, tieredTermsArbitrary, fc.boolean(), (lines, terms, perLine) => {
        const run = computeAccruals({
          lines,
          programs: [program({ ...terms, tierEvaluation: perLine ? 'line' : 'period' })],
          period: march2026,
        });
        for (const entry of run.entries) {
          const components = entry.trace.components;
          expect(sumCents(components.map((component) => component.roundedAmount))).toBe(entry.amount);
          const unrounded = components.reduce(
            (sum, component) => sum.plus(component.unroundedAmount),
            new Money(0),
          );
          expect(unrounded.eq(entry.trace.unroundedAmount)).toBe(true);
          // Each pool's share moves by less than a cent; line-rated entries add up their lines' roundings.
          for (const component of components) {
            expect(new Money(component.unroundedAmount).minus(component.roundedAmount).abs().lt('0.01')).toBe(
              true,
            );
          }
          expect(entry.trace.sourceLineIds).toEqual(
            components.flatMap((component) => component.sourceLineIds).sort(),
          );
        }
        const traced = run.entries.flatMap((entry) => entry.trace.sourceLineIds).sort();
        expect(traced).toEqual(lines.map((line) => line.lineId).sort());
      }),
      { numRuns: 200 },
    );
  });

  it('allocating an entry back to its lines preserves the entry amount', () => {
    fc.assert(
      fc.property(linesArbitrary, tieredTermsArbitrary, (lines, terms) => {
        const run = computeAccruals({ lines, programs: [program(terms)], period: march2026 });
        const byId = new Map(lines.map((line) => [line.lineId, line]));
        for (const entry of run.entries) {
          const parts = allocateEntryToLines(entry, byId);
          expect(sumCents(parts.map((part) => part.amount))).toBe(entry.amount);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('stepped never exceeds retrospective for ascending rates and sales only', () => {
    fc.assert(
      fc.property(linesArbitrary, tieredTermsArbitrary, (lines, terms) => {
        const sales = lines.map((line) => ({
          ...line,
          quantityBase: line.quantityBase.replace('-', ''),
          extendedAmount: line.extendedAmount.replace('-', ''),
        }));
        const total = (method: 'retrospective' | 'stepped') =>
          new Money(
            sumCents(
              computeAccruals({
                lines: sales,
                programs: [program({ ...terms, method })],
                period: march2026,
              }).entries.map((entry) => entry.amount),
            ),
          );
        expect(total('stepped').lte(total('retrospective'))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic: any line order gives the same entries, and a rerun diffs to nothing', () => {
    fc.assert(
      fc.property(
        linesArbitrary,
        tieredTermsArbitrary,
        fc.array(fc.nat(), { minLength: 25, maxLength: 25 }),
        (lines, terms, keys) => {
          const programs = [program(terms), program({ kind: 'coop', percent: '3.3' }, { programId: 'COOP' })];
          const first = computeAccruals({ lines, programs, period: march2026 });
          const shuffled = lines
            .map((line, index) => ({ line, key: keys[index] ?? 0 }))
            .sort((a, b) => a.key - b.key)
            .map((item) => item.line);
          const second = computeAccruals({ lines: shuffled, programs, period: march2026 });

          expect(second.entries).toEqual(first.entries);
          expect(second.lineSetFingerprint).toBe(first.lineSetFingerprint);
          expect(second.inputFingerprint).toBe(first.inputFingerprint);
          expect(diffAgainstPosted(second.entries, first.entries, first.scopes)).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});
