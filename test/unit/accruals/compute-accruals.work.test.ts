import { describe, expect, it } from 'vitest';
import {
  type AccrualTable,
  entryPool,
  entryProgram,
  entryWindow,
} from '../../../domain/accruals/engine/accrual-table';
import { AccrualWorkspace } from '../../../domain/accruals/engine/accrual-workspace';
import {
  computeAccrualAmounts,
  computeAccruals,
  computeAccrualTable,
} from '../../../domain/accruals/engine/compute-accruals';
import { AccrualExplainer } from '../../../domain/accruals/engine/explain-entry';
import type { SaleLine } from '../../../domain/accruals/sale-line';
import type { RebateProgram } from '../../../domain/programs/program';
import { seededRandom } from '../../support/seeded-random';
import { program, saleLine, threeTiers } from './builders';

const lineCount = 20_000;
const period = { start: '2026-01-01', end: '2026-03-31' };

function lines(): SaleLine[] {
  const random = seededRandom(42);
  return Array.from({ length: lineCount }, (_, index) => {
    const partner = Math.floor(random() * 40);
    const sku = Math.floor(random() * 2_000);
    const prior = random() < 0.1;
    const date = `${prior ? 2025 : 2026}-0${1 + Math.floor(random() * 3)}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const quantity = (1 + Math.floor(random() * 48)) * (random() < 0.03 ? -1 : 1);
    return saleLine({
      lineId: `L${String(index).padStart(6, '0')}`,
      partnerId: `P${partner}`,
      endCustomerId: `C${partner}-${Math.floor(random() * 25)}`,
      sku: `SKU-${sku}`,
      category: `CAT-${sku % 20}`,
      salesperson: `REP-${Math.floor(random() * 300)}`,
      invoiceDate: date,
      quantityBase: String(quantity),
      extendedAmount: `${quantity * (2 + (sku % 500))}.${String(sku % 100).padStart(2, '0')}`,
    });
  });
}

function programs(): RebateProgram[] {
  const result: RebateProgram[] = [];
  const add = (
    terms: Parameters<typeof program>[0],
    categories: number,
    granularity: 'month' | 'quarter',
  ) => {
    const index = result.length;
    result.push(
      program(terms, {
        programId: `PRG-${String(index).padStart(2, '0')}`,
        periodGranularity: granularity,
        eligibility: {
          startDate: '2026-01-01',
          ...(categories > 0
            ? {
                products: {
                  scope: 'categories',
                  categories: Array.from({ length: categories }, (_, at) => `CAT-${(index + at) % 20}`),
                },
              }
            : {}),
        },
      }),
    );
  };
  for (let index = 0; index < 8; index++) {
    add(
      {
        kind: 'volume',
        basis: index % 2 === 0 ? 'revenue' : 'quantity',
        method: index % 4 < 2 ? 'retrospective' : 'stepped',
        rateType: index % 2 === 0 ? 'percentOfRevenue' : 'amountPerUnit',
        tierScope: index % 3 === 0 ? 'customer' : 'partner',
        tiers: threeTiers,
      },
      4,
      index % 2 === 0 ? 'month' : 'quarter',
    );
  }
  for (let index = 0; index < 4; index++) {
    add(
      {
        kind: 'volume',
        basis: 'quantity',
        method: index % 2 === 0 ? 'retrospective' : 'stepped',
        rateType: 'amountPerUnit',
        tierEvaluation: 'line',
        tiers: [
          { from: '10', rate: '0.1' },
          { from: '25', rate: '0.2' },
          { from: '40', rate: '0.3' },
        ],
      },
      3,
      'month',
    );
  }
  for (let index = 0; index < 4; index++) {
    add(
      {
        kind: 'annualVolume',
        basis: 'revenue',
        method: 'stepped',
        rateType: 'percentOfRevenue',
        tiers: threeTiers,
      },
      5,
      'quarter',
    );
  }
  for (let index = 0; index < 4; index++) {
    add(
      {
        kind: 'growth',
        basis: 'revenue',
        growthMeasure: index % 2 === 0 ? 'absolute' : 'percent',
        appliesTo: index < 2 ? 'periodVolume' : 'incrementalVolume',
        rateType: 'percentOfRevenue',
        tiers: threeTiers,
      },
      6,
      'month',
    );
  }
  for (let index = 0; index < 4; index++) {
    add(
      {
        kind: 'promotion',
        rateType: 'percentOfRevenue',
        rate: '4.5',
        window: { start: '2026-02-01', end: '2026-02-14' },
      },
      2,
      'month',
    );
  }
  for (let index = 0; index < 3; index++) add({ kind: 'coop', percent: '2.25' }, 8, 'month');
  for (let index = 0; index < 3; index++) {
    add(
      {
        kind: 'spif',
        products: Array.from({ length: 40 }, (_, at) => ({
          sku: `SKU-${index * 40 + at}`,
          amountPerUnit: '0.75',
        })),
      },
      0,
      'month',
    );
  }
  return result;
}

describe('computeAccrualTable: bounded work (20k lines × 30 programs)', () => {
  const input = { lines: lines(), programs: programs(), period };
  const { table } = computeAccrualTable(input);

  it('creates one entry per distinct key and one pool per tier holder and window, nothing per line', () => {
    expect(table.programs).toHaveLength(30);
    // No pool needed the BigInt path: every share was computed with exact number arithmetic.
    expect(table.bigIntPools).toBe(0);
    // An entry is a program × window × entry tuple: at most one per eligible line and program.
    expect(table.entryCount).toBeLessThanOrEqual(30 * lineCount);
    // Pools: at most 40 partners × 25 customers per program window, far fewer than entries.
    expect(table.poolCount).toBeLessThan(table.entryCount / 10);
    // The table's per-entry columns have exactly one row per entry; programs, windows and pools are runs
    // of rows; the only per-line data are the columns parsed once for the whole run.
    for (const column of [table.entryTuple, table.entryAmount]) expect(column.length).toBe(table.entryCount);
    expect(table.programStart.length).toBe(31);
    expect(table.segmentStart.length).toBe(table.segmentWindow.length + 1);
    expect(table.segmentWindow.length).toBeLessThan(30 * 13);
    // Each pool's rows are one program window, and every row finds its pool, program and window by search.
    let pooled = 0;
    for (let pool = 0; pool < table.poolCount; pool++) {
      const [start, end] = [table.poolStart[pool] as number, table.poolEnd[pool] as number];
      for (const row of [start, end - 1]) {
        expect(entryPool(table, row)).toBe(pool);
        expect(entryProgram(table, row)).toBe(entryProgram(table, start));
        expect(entryWindow(table, row)).toBe(entryWindow(table, start));
      }
      pooled += end - start;
    }
    let perLine = 0;
    for (let row = 0; row < table.entryCount; row++) {
      const context = table.programs[entryProgram(table, row)];
      expect(entryWindow(table, row)).toBeLessThan(context?.windows.length ?? 0);
      if (context?.scope === 'line' || context?.plan === null) {
        expect(entryPool(table, row)).toBe(-1);
        perLine++;
      }
    }
    expect(pooled + perLine).toBe(table.entryCount);
    expect(table.columns.count).toBe(lineCount);
    // Hundreds of thousands of row checks: seconds on a loaded machine, not a sign of unbounded work.
  }, 30_000);

  it('still explains any entry down to its source lines, tier and rate', () => {
    const explainer = new AccrualExplainer(table);
    // Every line an entry of a coop program reads is traced exactly once across that program's entries.
    const coop = table.programs.findIndex((context) => context.program.terms.kind === 'coop');
    const traced: string[] = [];
    for (let index = 0; index < table.entryCount; index++) {
      if (entryProgram(table, index) === coop) traced.push(...explainer.sourceLineIds(index));
    }
    expect(new Set(traced).size).toBe(traced.length);
    expect(traced.length).toBeGreaterThan(0);
    // A sample of entries across all programs: the reference trace reproduces each amount (it throws if not).
    for (let index = 0; index < table.entryCount; index += Math.ceil(table.entryCount / 300)) {
      const entry = explainer.entry(index);
      expect(entry.trace.sourceLineIds.length).toBeGreaterThan(0);
      expect(entry.trace.components.length).toBeGreaterThan(0);
    }
  });
});

describe('computeAccrualTable: sums beyond 2^53', () => {
  it('splits volumes into whole and micro units and rates such pools exactly with BigInt', () => {
    // Ten lines of 999,999,999.99 for one partner: 1e16 micro-units, above 2^53.
    const big = Array.from({ length: 10 }, (_, index) =>
      saleLine({ lineId: `B${index}`, extendedAmount: '999999999.99', quantityBase: '1' }),
    );
    const coop = program({ kind: 'coop', percent: '1' });
    const run = computeAccrualTable({
      lines: big,
      programs: [coop],
      period: { start: '2026-03-01', end: '2026-03-31' },
    });

    expect(run.table.columns.wide).toBe(true);
    expect(run.table.bigIntPools).toBe(1);
    // 1 % × 9,999,999,999.90 = 99,999,999.999 → 100,000,000.00 (half-even at the cent).
    expect(new AccrualExplainer(run.table).entry(0).amount).toBe('100000000.00');
  });
});

describe('computeAccrualTable: a workspace kept across runs', () => {
  const input = { lines: lines(), programs: programs(), period };
  const fresh = computeAccrualTable(input).table;
  const columnsOf = (table: AccrualTable) =>
    [
      table.programStart,
      table.segmentStart,
      table.segmentWindow,
      table.entryTuple,
      table.entryAmount,
      table.poolStart,
      table.poolEnd,
      table.poolFirstLine,
    ].map((column) => Array.from(column));

  it('gives the table fresh buffers give, whatever an earlier run left in them', () => {
    const workspace = new AccrualWorkspace();
    // A different earlier run (half the lines, other programs first) leaves its rows in the buffers.
    computeAccrualTable(
      { ...input, lines: input.lines.slice(0, lineCount / 2), programs: input.programs.slice(10) },
      workspace,
    );
    workspace.release();
    const reused = computeAccrualTable(input, workspace).table;
    expect(columnsOf(reused)).toEqual(columnsOf(fresh));
  });

  it('refuses a second run until the table of the first is released', () => {
    const workspace = new AccrualWorkspace();
    computeAccrualTable(input, workspace);
    expect(() => computeAccrualTable(input, workspace)).toThrow(/release the previous table/);
    workspace.release();
    expect(computeAccrualTable(input, workspace).table.entryCount).toBe(fresh.entryCount);
  });
});

describe('computeAccrualAmounts: entries without traces, for posting', () => {
  const input = { lines: lines(), programs: programs(), period };

  it('gives every entry of computeAccruals, in order, less its trace', () => {
    // Traces of every entry cost a BigInt rating of every pool: a slice of the lines keeps this quick.
    const sliced = { ...input, lines: input.lines.slice(0, 2_000) };
    const workspace = new AccrualWorkspace();
    const amounts = computeAccrualAmounts(sliced, workspace);
    const full = computeAccruals(sliced);

    expect(amounts.entries).toEqual(full.entries.map(({ trace: _trace, ...entry }) => entry));
    expect(amounts.scopes).toEqual(full.scopes);
    expect(amounts.lineSetFingerprint).toBe(full.lineSetFingerprint);
    // Nothing returned refers to the workspace: it is free again, and a second run reuses it.
    expect(computeAccrualAmounts(sliced, workspace).entries).toEqual(amounts.entries);
  });

  it('leaves the workspace free when a run fails before or after it claims it', () => {
    const workspace = new AccrualWorkspace();
    const twice = [...input.lines, input.lines[0] as SaleLine];
    expect(() => computeAccrualAmounts({ ...input, lines: twice }, workspace)).toThrow(/appears twice/);
    // A million a unit on a billion units: one entry of 1e17 cents, beyond what the table holds exactly.
    const huge = saleLine({ lineId: 'HUGE', invoiceDate: '2026-02-01', quantityBase: '999999999' });
    const promotion = program(
      {
        kind: 'promotion',
        rateType: 'amountPerUnit',
        rate: '1000000',
        window: { start: '2026-01-01', end: '2026-03-31' },
      },
      { programId: 'PROMO' },
    );
    expect(() =>
      computeAccrualAmounts({ ...input, lines: [huge], programs: [promotion] }, workspace),
    ).toThrow(/exceeds the exact range/);
    expect(computeAccrualAmounts(input, workspace).entries.length).toBeGreaterThan(0);
  });
});
