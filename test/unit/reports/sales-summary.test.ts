import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareAccrualRun } from '../../../domain/accrual-runs/run-steps';
import { requestAccrualRun } from '../../../domain/accrual-runs/run-use-cases';
import type { SaleLine } from '../../../domain/accruals/sale-line';
import { summarizeSales } from '../../../domain/reports/sales-summary';
import { parseScaled } from '../../../domain/shared/money/scaled-integer';
import { finance } from '../../support/actors';
import { accrualRunDeps, channelLine } from '../accrual-runs/fakes';
import { inForce } from '../accrual-runs/scenario';
import { march2026, saleLine } from '../accruals/builders';

const line = (overrides: Partial<SaleLine>) =>
  saleLine({ lineId: 'L', extendedAmount: '1.00', ...overrides });

describe('summarizeSales', () => {
  it('sums P1 March CAT-A: 2.5 + 7.5 units for 10.10 + 0.005 USD = 10 units, 10.105 USD; a return counts negative; units per SKU', () => {
    const summaries = summarizeSales([
      line({ sku: 'SKU-1', quantityBase: '2.5', extendedAmount: '10.10' }),
      line({ sku: 'SKU-2', quantityBase: '7.5', extendedAmount: '0.005' }),
      line({ sku: 'SKU-1', category: 'CAT-B', quantityBase: '-1', extendedAmount: '-3.00' }),
      line({ partnerId: 'P2', invoiceDate: '2026-04-01', extendedAmount: '100', currency: 'JPY' }),
    ]);

    expect(summaries).toEqual([
      {
        month: '2026-03',
        partnerId: 'P1',
        cells: [
          { category: 'CAT-A', currency: 'USD', quantity: '10', revenue: '10.105', lines: 2 },
          { category: 'CAT-B', currency: 'USD', quantity: '-1', revenue: '-3.00', lines: 1 },
        ],
        products: [
          { sku: 'SKU-1', quantity: '1.5' },
          { sku: 'SKU-2', quantity: '7.5' },
        ],
      },
      {
        month: '2026-04',
        partnerId: 'P2',
        cells: [{ category: 'CAT-A', currency: 'JPY', quantity: '1', revenue: '100', lines: 1 }],
        products: [{ sku: 'SKU-1', quantity: '1' }],
      },
    ]);
  });

  it('loses no cent: the cells add up to the lines exactly, even past the range of a JavaScript number', () => {
    const amount = fc
      .tuple(fc.integer({ min: -999_999_999, max: 999_999_999 }), fc.integer({ min: 0, max: 999_999 }))
      .map(([whole, micros]) => `${whole}.${String(micros).padStart(6, '0')}`);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            partnerId: fc.constantFrom('P1', 'P2'),
            category: fc.constantFrom('A', 'B'),
            extendedAmount: amount,
            copies: fc.integer({ min: 1, max: 3000 }),
          }),
          { maxLength: 20 },
        ),
        (specs) => {
          const lines = specs.flatMap(({ copies, ...spec }) =>
            Array.from({ length: copies }, () => line(spec)),
          );
          const cells = summarizeSales(lines).flatMap((summary) => summary.cells);
          const total = (values: string[]) => values.reduce((sum, value) => sum + parseScaled(value, 6), 0n);
          expect(total(cells.map((cell) => cell.revenue))).toBe(
            total(lines.map((each) => each.extendedAmount)),
          );
          expect(cells.reduce((sum, cell) => sum + cell.lines, 0)).toBe(lines.length);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('an accrual run leaves the sales summaries of the months it read', () => {
  it('replaces each month read, one it read empty included, from the lines it read', async () => {
    // Arrange
    const deps = accrualRunDeps();
    await inForce(deps);
    deps.lines.add(
      channelLine({ partnerId: 'P1', quantity: '100', extendedAmount: '1000.00' }),
      channelLine({ partnerId: 'P1', invoiceNumber: 'INV-2', quantity: '5', extendedAmount: '50.00' }),
      channelLine({ partnerId: 'P2', invoiceDate: '2026-02-27', quantity: '3', extendedAmount: '30.00' }),
    );
    await deps.salesSummaries.replaceMonth('2026-04', [
      { month: '2026-04', partnerId: 'P9', cells: [], products: [] },
    ]);
    const run = await requestAccrualRun(deps, finance, { period: march2026 });

    // Act
    await prepareAccrualRun(deps, run.runId);

    // Assert
    expect(await deps.salesSummaries.ofMonth('2026-03')).toEqual([
      {
        month: '2026-03',
        partnerId: 'P1',
        cells: [{ category: 'CAT-A', currency: 'USD', quantity: '105', revenue: '1050.00', lines: 2 }],
        products: [{ sku: 'SKU-1', quantity: '105' }],
      },
    ]);
    expect(await deps.salesSummaries.ofMonth('2026-02', 'P2')).toHaveLength(1);
    expect(await deps.salesSummaries.ofMonth('2026-04')).toEqual([]);
  });
});
