import { describe, expect, it } from 'vitest';
import { computeAccruals } from '../../../domain/accruals/engine/compute-accruals';
import { annualVolumeProgram, march2026, program, saleLine, sumCents, threeTiers } from './builders';

const percentTiersOnQuantity = {
  kind: 'volume',
  basis: 'quantity',
  rateType: 'percentOfRevenue',
  tiers: threeTiers,
} as const;

describe('computeAccruals: volume tiers, worked examples', () => {
  // 6,000 units at $10.00: tiers from 0 @1 %, from 1,000 @2 %, from 5,000 @3 %. Quantity tiers count units:
  // units 1–999 earn 1 %, units 1,000–4,999 2 %, units 5,000 and up 3 %.
  const lines = [
    saleLine({ lineId: 'L1', quantityBase: '2500', extendedAmount: '25000.00' }),
    saleLine({ lineId: 'L2', quantityBase: '3500', extendedAmount: '35000.00', sku: 'SKU-2' }),
  ];

  it('retrospective: 3 % of $60,000 = $1,800.00, split by item', () => {
    const run = computeAccruals({
      lines,
      programs: [program({ ...percentTiersOnQuantity, method: 'retrospective' })],
      period: march2026,
    });

    expect(run.entries.map((entry) => [entry.sku, entry.amount])).toEqual([
      ['SKU-1', '750.00'],
      ['SKU-2', '1050.00'],
    ]);
    const trace = run.entries[0]?.trace.components[0];
    expect(trace).toMatchObject({
      pool: 'partner P1',
      method: 'retrospective',
      poolVolume: '6000',
      tierReached: { index: 2, from: '5000', rate: '3' },
      rate: '3',
      ratedBasis: '25000',
      poolRoundedAmount: '1800.00',
      sourceLineIds: ['L1'],
    });
  });

  it('stepped: 999 units × $0.10 + 4,000 × $0.20 + 1,001 × $0.30 = $1,200.20, with the bands in the trace', () => {
    const run = computeAccruals({
      lines,
      programs: [program({ ...percentTiersOnQuantity, method: 'stepped' })],
      period: march2026,
    });

    expect(sumCents(run.entries.map((entry) => entry.amount))).toBe('1200.20');
    // Split by revenue: 1,200.20 × 25/60 = 500.0833…, × 35/60 = 700.1166….
    expect(run.entries.map((entry) => entry.amount)).toEqual(['500.08', '700.12']);
    expect(
      run.entries[0]?.trace.components[0]?.bands?.map((band) => [
        band.from,
        band.to,
        band.volume,
        band.amount,
      ]),
    ).toEqual([
      ['0', '1000', '999', '99.90'],
      ['1000', '5000', '4000', '800.00'],
      ['5000', null, '1001', '300.30'],
    ]);
  });

  it('uneven prices: 6,000 units for $61,234.57 → retrospective $1,837.04, stepped $1,224.90', () => {
    const uneven = [saleLine({ lineId: 'L1', quantityBase: '6000', extendedAmount: '61234.57' })];

    const retrospective = computeAccruals({
      lines: uneven,
      programs: [program({ ...percentTiersOnQuantity, method: 'retrospective' })],
      period: march2026,
    });
    const stepped = computeAccruals({
      lines: uneven,
      programs: [program({ ...percentTiersOnQuantity, method: 'stepped' })],
      period: march2026,
    });

    // 3 % × 61,234.57 = 1,837.0371; stepped: average rate (9.99 + 80 + 30.03) / 6,000 % → 1,224.8955152333….
    expect(retrospective.entries[0]?.trace.unroundedAmount).toBe('1837.0371');
    expect(retrospective.entries[0]?.amount).toBe('1837.04');
    expect(stepped.entries[0]?.trace.unroundedAmount).toBe('1224.89551523333333');
    expect(stepped.entries[0]?.amount).toBe('1224.90');
  });

  it('revenue tiers $0 @2 %, $10,000 @3 %, $50,000 @4 % on $62,500: retrospective $2,500, stepped $1,900', () => {
    const revenueTiers = [
      { from: '0', rate: '2' },
      { from: '10000', rate: '3' },
      { from: '50000', rate: '4' },
    ];
    const sales = [saleLine({ lineId: 'L1', quantityBase: '625', extendedAmount: '62500' })];
    const terms = {
      kind: 'volume',
      basis: 'revenue',
      rateType: 'percentOfRevenue',
      tiers: revenueTiers,
    } as const;

    const retro = computeAccruals({
      lines: sales,
      programs: [program({ ...terms, method: 'retrospective' })],
      period: march2026,
    });
    const stepped = computeAccruals({
      lines: sales,
      programs: [program({ ...terms, method: 'stepped' })],
      period: march2026,
    });

    expect(retro.entries[0]?.amount).toBe('2500.00');
    expect(stepped.entries[0]?.amount).toBe('1900.00');
  });

  it('exactly 1,000 units reaches the 2 % tier; 999.999999 does not', () => {
    const at = computeAccruals({
      lines: [saleLine({ lineId: 'L1', quantityBase: '1000', extendedAmount: '10000' })],
      programs: [program({ ...percentTiersOnQuantity, method: 'retrospective' })],
      period: march2026,
    });
    const below = computeAccruals({
      lines: [saleLine({ lineId: 'L1', quantityBase: '999.999999', extendedAmount: '10000' })],
      programs: [program({ ...percentTiersOnQuantity, method: 'retrospective' })],
      period: march2026,
    });

    expect(at.entries[0]?.amount).toBe('200.00');
    expect(at.entries[0]?.trace.components[0]?.tierReached?.index).toBe(1);
    expect(below.entries[0]?.amount).toBe('100.00');
  });

  it('rounds half to even: $1,000.50 @1 % = 10.005 → 10.00; $1,001.50 → 10.015 → 10.02', () => {
    const flat = program({
      kind: 'volume',
      basis: 'quantity',
      rateType: 'percentOfRevenue',
      method: 'retrospective',
      tiers: [{ from: '0', rate: '1' }],
    });

    const even = computeAccruals({
      lines: [saleLine({ lineId: 'L1', extendedAmount: '1000.50' })],
      programs: [flat],
      period: march2026,
    });
    const odd = computeAccruals({
      lines: [saleLine({ lineId: 'L1', extendedAmount: '1001.50' })],
      programs: [flat],
      period: march2026,
    });

    expect(even.entries[0]?.amount).toBe('10.00');
    expect(odd.entries[0]?.amount).toBe('10.02');
  });

  it('returns reduce the volume, here back below a threshold', () => {
    const withReturn = [
      saleLine({ lineId: 'L1', quantityBase: '5200', extendedAmount: '52000' }),
      saleLine({ lineId: 'L2', quantityBase: '-300', extendedAmount: '-3000' }),
    ];

    const run = computeAccruals({
      lines: withReturn,
      programs: [program({ ...percentTiersOnQuantity, method: 'retrospective' })],
      period: march2026,
    });

    // 4,900 units net: the 2 % tier on $49,000.
    expect(run.entries).toHaveLength(1);
    expect(run.entries[0]?.amount).toBe('980.00');
    expect(run.entries[0]?.trace.quantity).toBe('4900');
    expect(run.entries[0]?.trace.sourceLineIds).toEqual(['L1', 'L2']);
  });

  it('applies item and category exclusions and item lists', () => {
    const mixed = [
      saleLine({ lineId: 'L1', sku: 'SKU-1', category: 'CAT-A', extendedAmount: '100' }),
      saleLine({ lineId: 'L2', sku: 'SKU-2', category: 'CAT-A', extendedAmount: '200' }),
      saleLine({ lineId: 'L3', sku: 'SKU-3', category: 'CAT-B', extendedAmount: '400' }),
      saleLine({ lineId: 'L4', sku: 'SKU-4', category: 'CAT-C', extendedAmount: '800' }),
    ];
    const terms = { kind: 'coop', percent: '10' } as const;

    const excluded = computeAccruals({
      lines: mixed,
      programs: [
        program(terms, {
          eligibility: { startDate: '2026-01-01', excludedSkus: ['SKU-2'], excludedCategories: ['CAT-C'] },
        }),
      ],
      period: march2026,
    });
    const listed = computeAccruals({
      lines: mixed,
      programs: [
        program(terms, {
          eligibility: {
            startDate: '2026-01-01',
            products: { scope: 'categories', categories: ['CAT-B', 'CAT-C'] },
          },
        }),
      ],
      period: march2026,
    });

    expect(excluded.entries.map((entry) => entry.sku)).toEqual(['SKU-1', 'SKU-3']);
    expect(sumCents(excluded.entries.map((entry) => entry.amount))).toBe('50.00');
    expect(listed.entries.map((entry) => entry.sku)).toEqual(['SKU-3', 'SKU-4']);
  });

  it('filters by customer, bill-to, ship-to, order type, warehouse, salesperson and custom qualifiers', () => {
    const lines = [
      saleLine({ lineId: 'OK', attributes: { channel: 'RETAIL' } }),
      saleLine({ lineId: 'CUST', endCustomerId: 'C9', attributes: { channel: 'RETAIL' } }),
      saleLine({ lineId: 'BILL', billTo: 'B9', attributes: { channel: 'RETAIL' } }),
      saleLine({ lineId: 'SHIP', shipTo: 'S9', attributes: { channel: 'RETAIL' } }),
      saleLine({ lineId: 'TYPE', orderType: 'SAMPLE', attributes: { channel: 'RETAIL' } }),
      saleLine({ lineId: 'WH', warehouse: 'W9', attributes: { channel: 'RETAIL' } }),
      saleLine({ lineId: 'REP', salesperson: 'REP-9', attributes: { channel: 'RETAIL' } }),
      saleLine({ lineId: 'ATTR', attributes: { channel: 'ONLINE' } }),
      saleLine({ lineId: 'NOATTR' }),
    ];
    const eligibility = {
      startDate: '2026-01-01',
      customers: ['C1'],
      billTo: ['B1'],
      shipTo: ['S1'],
      orderTypes: ['STANDARD'],
      warehouses: ['W1'],
      salespeople: ['REP-1'],
      qualifiers: [{ attribute: 'channel', values: ['RETAIL'] }],
    };

    const run = computeAccruals({
      lines,
      programs: [program({ kind: 'coop', percent: '5' }, { eligibility })],
      period: march2026,
    });

    expect(run.entries.flatMap((entry) => entry.trace.sourceLineIds)).toEqual(['OK']);
  });

  it('puts a line in the period of the program date basis', () => {
    // Invoiced in March, shipped in February.
    const line = saleLine({
      lineId: 'L1',
      invoiceDate: '2026-03-02',
      shipDate: '2026-02-27',
      extendedAmount: '100',
    });
    const terms = { kind: 'coop', percent: '10' } as const;
    const byInvoice = program(terms);
    const byShip = program(terms, { eligibility: { startDate: '2026-01-01', dateBasis: 'ship' } });
    const run = { start: '2026-02-01', end: '2026-03-31' };

    expect(computeAccruals({ lines: [line], programs: [byInvoice], period: run }).entries[0]?.period).toBe(
      '2026-03',
    );
    expect(computeAccruals({ lines: [line], programs: [byShip], period: run }).entries[0]?.period).toBe(
      '2026-02',
    );
  });

  it('respects rule start and end dates', () => {
    const lines = [
      saleLine({ lineId: 'BEFORE', invoiceDate: '2026-03-09' }),
      saleLine({ lineId: 'IN', invoiceDate: '2026-03-10' }),
      saleLine({ lineId: 'AFTER', invoiceDate: '2026-03-21' }),
    ];
    const rule = program(
      { kind: 'coop', percent: '10' },
      { eligibility: { startDate: '2026-03-10', endDate: '2026-03-20' } },
    );

    const run = computeAccruals({ lines, programs: [rule], period: march2026 });

    expect(run.entries.flatMap((entry) => entry.trace.sourceLineIds)).toEqual(['IN']);
    expect(run.entries[0]?.trace.window).toEqual({ from: '2026-03-10', to: '2026-03-20' });
  });

  it('measures tiers per customer with prequalified starting tiers, and accrues to a beneficiary', () => {
    const lines = [
      saleLine({ lineId: 'L1', endCustomerId: 'C1', quantityBase: '10', extendedAmount: '100' }),
      saleLine({ lineId: 'L2', endCustomerId: 'C2', quantityBase: '10', extendedAmount: '100' }),
    ];
    const terms = { ...percentTiersOnQuantity, method: 'retrospective', tierScope: 'customer' } as const;
    const eligibility = {
      startDate: '2026-01-01',
      prequalifiedTiers: { C2: 2 },
      beneficiaryPartnerId: 'BUYGRP',
    };

    const run = computeAccruals({ lines, programs: [program(terms, { eligibility })], period: march2026 });

    expect(
      run.entries.map((entry) => [
        entry.endCustomerId,
        entry.beneficiaryPartnerId,
        entry.partnerId,
        entry.amount,
      ]),
    ).toEqual([
      ['C1', 'BUYGRP', 'P1', '1.00'],
      ['C2', 'BUYGRP', 'P1', '3.00'],
    ]);
    expect(run.entries[1]?.trace.components[0]).toMatchObject({
      startingTier: 2,
      pool: 'partner P1 customer C2',
    });
  });

  it('rates each line on its own size when tiers are evaluated per line', () => {
    const lines = [
      saleLine({ lineId: 'SMALL', quantityBase: '500', extendedAmount: '5000' }),
      saleLine({ lineId: 'BIG', quantityBase: '5500', extendedAmount: '55000' }),
    ];
    const terms = { ...percentTiersOnQuantity, method: 'retrospective', tierEvaluation: 'line' } as const;

    const run = computeAccruals({ lines, programs: [program(terms)], period: march2026 });

    // 1 % × 5,000 + 3 % × 55,000, in one entry with one component per line.
    expect(run.entries[0]?.amount).toBe('1700.00');
    expect(
      run.entries[0]?.trace.components.map((component) => [component.pool, component.roundedAmount]),
    ).toEqual([
      ['line BIG', '1650.00'],
      ['line SMALL', '50.00'],
    ]);
  });

  it('ignores draft and closed programs and skips lines in another currency', () => {
    const lines = [saleLine({ lineId: 'L1' }), saleLine({ lineId: 'L2', currency: 'EUR' })];
    const active = program({ kind: 'coop', percent: '10' });
    const draft = program({ kind: 'coop', percent: '10' }, { programId: 'DRAFT', status: 'draft' });
    const closed = program({ kind: 'coop', percent: '10' }, { programId: 'CLOSED', status: 'closed' });

    const run = computeAccruals({ lines, programs: [active, draft, closed], period: march2026 });

    expect(run.entries.map((entry) => entry.programId)).toEqual(['PRG-1']);
    expect(run.skipped).toEqual([{ programId: 'PRG-1', lineId: 'L2', reason: 'currency-mismatch' }]);
  });

  it('refuses duplicate line ids and two active versions of one program', () => {
    const coop = program({ kind: 'coop', percent: '10' });

    expect(() =>
      computeAccruals({
        lines: [saleLine({ lineId: 'L1' }), saleLine({ lineId: 'L1' })],
        programs: [coop],
        period: march2026,
      }),
    ).toThrow(/appears twice/);
    expect(() =>
      computeAccruals({ lines: [], programs: [coop, { ...coop, version: 2 }], period: march2026 }),
    ).toThrow(/more than one active version/);
    expect(() =>
      computeAccruals({
        lines: [saleLine({ lineId: 'L1', quantityBase: '1,000' })],
        programs: [coop],
        period: march2026,
      }),
    ).toThrow(/sale line 'L1'.*not a decimal/);
  });
});

describe('computeAccruals: other program kinds', () => {
  it('promotion: a per-unit rate only inside the window', () => {
    const lines = [
      saleLine({ lineId: 'IN', invoiceDate: '2026-03-05', quantityBase: '12' }),
      saleLine({ lineId: 'OUT', invoiceDate: '2026-03-20', quantityBase: '7' }),
    ];
    const promo = program({
      kind: 'promotion',
      rateType: 'amountPerUnit',
      rate: '1.25',
      window: { start: '2026-03-01', end: '2026-03-14' },
    });

    const run = computeAccruals({ lines, programs: [promo], period: march2026 });

    expect(run.entries.map((entry) => [entry.amount, entry.trace.sourceLineIds])).toEqual([
      ['15.00', ['IN']],
    ]);
  });

  it('co-op: accrues into the co-op fund', () => {
    const run = computeAccruals({
      lines: [saleLine({ lineId: 'L1', extendedAmount: '1234.56' })],
      programs: [program({ kind: 'coop', percent: '2.5' })],
      period: march2026,
    });

    // 2.5 % × 1,234.56 = 30.864.
    expect(run.entries[0]).toMatchObject({ fund: 'coop', amount: '30.86' });
    expect(run.entries[0]?.trace.unroundedAmount).toBe('30.864');
  });

  it('SPIF: an amount per unit per salesperson on listed products only', () => {
    const lines = [
      saleLine({ lineId: 'L1', sku: 'SKU-1', salesperson: 'ANA', quantityBase: '3' }),
      saleLine({ lineId: 'L2', sku: 'SKU-1', salesperson: 'BEN', quantityBase: '2' }),
      saleLine({ lineId: 'L3', sku: 'SKU-2', salesperson: 'ANA', quantityBase: '4' }),
      saleLine({ lineId: 'L4', sku: 'SKU-3', salesperson: 'ANA', quantityBase: '100' }),
    ];
    const spif = program({
      kind: 'spif',
      products: [
        { sku: 'SKU-1', amountPerUnit: '5' },
        { sku: 'SKU-2', amountPerUnit: '7.5' },
      ],
    });

    const run = computeAccruals({ lines, programs: [spif], period: march2026 });

    expect(run.entries.map((entry) => [entry.salesperson, entry.sku, entry.fund, entry.amount])).toEqual(
      [
        ['ANA', 'SKU-1', 'spif', '15.00'],
        ['BEN', 'SKU-1', 'spif', '10.00'],
        ['ANA', 'SKU-2', 'spif', '30.00'],
      ].sort((a, b) => (`${a[1]}${a[0]}` < `${b[1]}${b[0]}` ? -1 : 1)),
    );
  });

  it('lump sum: accrues once, in the period of its date, with no lines', () => {
    const lump = program({ kind: 'lumpSum', amount: '5000', partnerId: 'P7', accrueOn: '2026-03-15' });

    const march = computeAccruals({ lines: [], programs: [lump], period: march2026 });
    const april = computeAccruals({
      lines: [],
      programs: [lump],
      period: { start: '2026-04-01', end: '2026-04-30' },
    });

    expect(march.entries.map((entry) => [entry.partnerId, entry.period, entry.amount])).toEqual([
      ['P7', '2026-03', '5000.00'],
    ]);
    expect(april.entries).toEqual([]);
  });

  it('growth: percent growth against the same month last year reaches a tier', () => {
    const lines = [
      saleLine({ lineId: 'LY', invoiceDate: '2025-03-15', quantityBase: '100', extendedAmount: '1000' }),
      saleLine({ lineId: 'TY', invoiceDate: '2026-03-15', quantityBase: '112', extendedAmount: '1120' }),
    ];
    const growth = program({
      kind: 'growth',
      basis: 'quantity',
      growthMeasure: 'percent',
      appliesTo: 'periodVolume',
      rateType: 'percentOfRevenue',
      tiers: [
        { from: '5', rate: '1' },
        { from: '10', rate: '2' },
        { from: '20', rate: '4' },
      ],
    });

    const run = computeAccruals({ lines, programs: [growth], period: march2026 });

    // +12 % reaches the 10 % tier: 2 % of this year's $1,120.
    expect(run.entries[0]?.amount).toBe('22.40');
    expect(run.entries[0]?.trace.components[0]?.growth).toEqual({
      measure: 'percent',
      baselineVolume: '100',
      growth: '12',
      baselineLineIds: ['LY'],
    });
  });

  it('growth: an absolute increment rebate pays only on the units above last year', () => {
    const lines = [
      saleLine({ lineId: 'LY', invoiceDate: '2025-03-15', quantityBase: '100' }),
      saleLine({ lineId: 'TY1', invoiceDate: '2026-03-15', quantityBase: '90', sku: 'SKU-1' }),
      saleLine({ lineId: 'TY2', invoiceDate: '2026-03-16', quantityBase: '60', sku: 'SKU-2' }),
    ];
    const growth = program({
      kind: 'growth',
      basis: 'quantity',
      growthMeasure: 'absolute',
      appliesTo: 'incrementalVolume',
      rateType: 'amountPerUnit',
      tiers: [{ from: '1', rate: '1' }],
    });

    const run = computeAccruals({ lines, programs: [growth], period: march2026 });

    // 50 more units × $1, spread 90 : 60 over the two items.
    expect(run.entries.map((entry) => entry.amount)).toEqual(['30.00', '20.00']);
  });

  it('annual volume: accrues year to date and the next run trues up when a tier is crossed', () => {
    const annual = annualVolumeProgram;
    const january = saleLine({ lineId: 'JAN', invoiceDate: '2026-01-20', quantityBase: '800' });
    const february = saleLine({ lineId: 'FEB', invoiceDate: '2026-02-20', quantityBase: '400' });

    const afterJanuary = computeAccruals({
      lines: [january],
      programs: [annual],
      period: { start: '2026-01-01', end: '2026-01-31' },
    });
    const afterFebruary = computeAccruals({
      lines: [january, february],
      programs: [annual],
      period: { start: '2026-02-01', end: '2026-02-28' },
    });

    expect(afterJanuary.entries.map((entry) => [entry.period, entry.amount])).toEqual([['FY2026', '80.00']]);
    // 1,200 units year to date cross 1,000: all of them at $0.20.
    expect(afterFebruary.entries.map((entry) => [entry.period, entry.amount])).toEqual([
      ['FY2026', '240.00'],
    ]);
    expect(afterFebruary.scopes.map((scope) => [scope.period, scope.from, scope.to])).toEqual([
      ['FY2026', '2026-01-01', '2026-02-28'],
    ]);
  });

  it('quarterly programs accrue quarter to date on a month-end run', () => {
    const quarterly = program({ kind: 'coop', percent: '10' }, { periodGranularity: 'quarter' });
    const lines = [
      saleLine({ lineId: 'JAN', invoiceDate: '2026-01-10', extendedAmount: '100' }),
      saleLine({ lineId: 'FEB', invoiceDate: '2026-02-10', extendedAmount: '100' }),
      saleLine({ lineId: 'APR', invoiceDate: '2026-04-10', extendedAmount: '100' }),
    ];

    const run = computeAccruals({
      lines,
      programs: [quarterly],
      period: { start: '2026-02-01', end: '2026-02-28' },
    });

    expect(run.entries.map((entry) => [entry.period, entry.amount, entry.trace.sourceLineIds])).toEqual([
      ['FY2026-Q1', '20.00', ['FEB', 'JAN']],
    ]);
  });
});
