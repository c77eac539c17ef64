import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccrualWorkspace } from '../../../domain/accruals/engine/accrual-workspace';
import { computeAccruals } from '../../../domain/accruals/engine/compute-accruals';
import { type ProgramContext, programContext } from '../../../domain/accruals/engine/program-context';
import {
  indexedCandidates,
  LineSelection,
  type SkippedLine,
} from '../../../domain/accruals/engine/program-lines';
import { prepareSaleLines, type SaleLineColumns } from '../../../domain/accruals/engine/sale-line-columns';
import type { SaleLine } from '../../../domain/accruals/sale-line';
import type { RebateProgram } from '../../../domain/programs/program';
import { program, saleLine } from './builders';

const skus = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'];
const categories = ['CA', 'CB', 'CC', 'CD'];
const firstQuarter = { start: '2026-01-01', end: '2026-03-31' };

// An item's category varies by line: the index must not assume that an item has one category.
const linesArbitrary = fc
  .array(
    fc.record({
      partnerId: fc.constantFrom('P1', 'P2', 'P3'),
      endCustomerId: fc.constantFrom('C1', 'C2'),
      sku: fc.constantFrom(...skus),
      category: fc.constantFrom(...categories),
      currency: fc.constantFrom('USD', 'USD', 'USD', 'EUR'),
      year: fc.constantFrom(2025, 2026, 2026),
      month: fc.integer({ min: 1, max: 4 }),
      day: fc.integer({ min: 1, max: 28 }),
      quantity: fc.integer({ min: -5, max: 60 }),
      cents: fc.integer({ min: 1, max: 90_000 }),
    }),
    { minLength: 1, maxLength: 100, size: 'max' },
  )
  .map((items) =>
    items.map((fields, index) => {
      const date = `${fields.year}-${String(fields.month).padStart(2, '0')}-${String(fields.day).padStart(2, '0')}`;
      const amount = fields.quantity * fields.cents;
      const sign = amount < 0 ? '-' : '';
      const magnitude = Math.abs(amount);
      return saleLine({
        lineId: `L${String(index).padStart(3, '0')}`,
        partnerId: fields.partnerId,
        endCustomerId: fields.endCustomerId,
        sku: fields.sku,
        category: fields.category,
        currency: fields.currency as SaleLine['currency'],
        invoiceDate: date,
        quantityBase: String(fields.quantity),
        extendedAmount: `${sign}${Math.floor(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}`,
      });
    }),
  );

const subset = (values: readonly string[]) => fc.subarray([...values], { minLength: 1 });

const eligibilityArbitrary = fc.record({
  products: fc.oneof(
    fc.constant({ scope: 'all' as const }),
    subset(skus).map((chosen) => ({ scope: 'items' as const, skus: chosen })),
    subset(categories).map((chosen) => ({ scope: 'categories' as const, categories: chosen })),
  ),
  excludedSkus: fc.subarray(skus, { maxLength: 2 }),
  excludedCategories: fc.subarray(categories, { maxLength: 1 }),
  partners: fc.oneof(fc.constant('all' as const), subset(['P1', 'P2', 'P3'])),
});

type Terms = Parameters<typeof program>[0];

const termsArbitrary: fc.Arbitrary<Terms> = fc.oneof(
  fc.constant<Terms>({ kind: 'coop', percent: '2.5' }),
  fc.constantFrom('partner' as const, 'customer' as const).map((tierScope) => ({
    kind: 'volume' as const,
    basis: 'quantity' as const,
    method: 'stepped' as const,
    rateType: 'percentOfRevenue' as const,
    tierScope,
    tiers: [
      { from: '0', rate: '1' },
      { from: '40', rate: '2.5' },
    ],
  })),
  fc.constant<Terms>({
    kind: 'growth',
    basis: 'revenue',
    growthMeasure: 'absolute',
    appliesTo: 'incrementalVolume',
    rateType: 'percentOfRevenue',
    tiers: [{ from: '0', rate: '3' }],
  }),
  fc.constant<Terms>({
    kind: 'promotion',
    rateType: 'amountPerUnit',
    rate: '0.35',
    window: { start: '2026-02-05', end: '2026-03-09' },
  }),
  subset(skus).map((chosen) => ({
    kind: 'spif' as const,
    products: chosen.map((sku) => ({ sku, amountPerUnit: '1.25' })),
  })),
);

const programArbitrary = fc
  .record({
    terms: termsArbitrary,
    eligibility: eligibilityArbitrary,
    granularity: fc.constantFrom('month' as const, 'quarter' as const),
  })
  .map(({ terms, eligibility, granularity }) =>
    program(terms, {
      periodGranularity: granularity,
      eligibility: { startDate: '2026-01-01', ...eligibility },
    }),
  );

/** The selection by definition: every line, in column order, through the window, filter and currency tests. */
function scanEveryLine(columns: SaleLineColumns, context: ProgramContext) {
  const lines: number[] = [];
  const windows: number[] = [];
  const skipped: SkippedLine[] = [];
  for (let line = 0; line < columns.count; line++) {
    const date = context.dates?.[line] as number;
    const window = context.windowOfDate?.[date] ?? -1;
    const measured = window !== -1 || (context.baselineWindowOfDate?.[date] ?? -1) !== -1;
    if (!measured || context.filter === null || !context.filter.passes(line)) continue;
    const source = columns.line(line);
    if (source.currency !== context.program.currency) {
      skipped.push({
        programId: context.program.programId,
        lineId: source.lineId,
        reason: 'currency-mismatch',
      });
      continue;
    }
    lines.push(line);
    windows.push(window);
  }
  return { lines, windows, skipped };
}

/** The lines a product scope keeps, as a program would filter them without an index. */
function inScope(line: SaleLine, eligibility: RebateProgram['eligibility']): boolean {
  const { products } = eligibility;
  if (products.scope === 'items' && !products.skus.includes(line.sku)) return false;
  if (products.scope === 'categories' && !products.categories.includes(line.category)) return false;
  return (
    !eligibility.excludedSkus.includes(line.sku) && !eligibility.excludedCategories.includes(line.category)
  );
}

describe('a program reads the lines of its items or categories through the index', () => {
  it('selects exactly the lines a scan of every line selects, in the same order, with the same skips', () => {
    let indexed = 0;
    // One workspace for every case: each selection starts from what the previous one left in its buffers.
    const workspace = new AccrualWorkspace();
    fc.assert(
      fc.property(linesArbitrary, programArbitrary, (lines, rebateProgram) => {
        const columns = prepareSaleLines(lines);
        const context = programContext(columns, rebateProgram, firstQuarter);
        const selection = new LineSelection(columns, workspace);
        const skipped: SkippedLine[] = [];

        const count = selection.select(context, skipped);

        const expected = scanEveryLine(columns, context);
        expect([...selection.lines.subarray(0, count)]).toEqual(expected.lines);
        expect([...selection.windows.subarray(0, count)]).toEqual(expected.windows);
        expect(skipped).toEqual(expected.skipped);
        const candidates = indexedCandidates(
          columns,
          context.filter as NonNullable<ProgramContext['filter']>,
          new Int32Array(Math.ceil(columns.count / 32)),
          new Int32Array(columns.count),
        );
        const candidateLines = candidates.lines;
        if (candidateLines !== null) {
          indexed++;
          // Candidates are ascending and include every selected line.
          expect([...candidateLines]).toEqual([...candidateLines].sort((a, b) => a - b));
          expect(expected.lines.every((line) => candidateLines.includes(line))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    // The generators reach both paths: programs read through their postings, and full scans.
    expect(indexed).toBeGreaterThan(20);
    expect(indexed).toBeLessThan(180);
  });

  it('accrues a scoped program over all lines as the unscoped program over the lines in scope', () => {
    fc.assert(
      fc.property(linesArbitrary, programArbitrary, (lines, scoped) => {
        const unscoped = program(scoped.terms, {
          periodGranularity: scoped.periodGranularity,
          eligibility: {
            ...scoped.eligibility,
            products: { scope: 'all' },
            excludedSkus: [],
            excludedCategories: [],
          },
        });
        const kept = lines.filter((line) => inScope(line, scoped.eligibility));
        fc.pre(kept.length > 0);

        const viaIndex = computeAccruals({ lines, programs: [scoped], period: firstQuarter });
        const viaFilteredLines = computeAccruals({ lines: kept, programs: [unscoped], period: firstQuarter });

        expect(viaIndex.entries).toEqual(viaFilteredLines.entries);
        expect(viaIndex.skipped.map((line) => line.lineId)).toEqual(
          viaFilteredLines.skipped.map((line) => line.lineId),
        );
      }),
      { numRuns: 150 },
    );
  });
});
