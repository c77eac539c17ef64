import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthsToRead, saleLineId, toSaleLine } from '../../../domain/accrual-runs/run-lines';
import type { RebateProgramInput } from '../../../domain/programs/program';
import { march2026, program } from '../accruals/builders';
import { channelLine } from './fakes';

type Terms = RebateProgramInput['terms'];

const flatTiers = [{ from: '0', rate: '0.10' }];

const volumeTerms: Terms = {
  kind: 'volume',
  basis: 'quantity',
  method: 'retrospective',
  rateType: 'amountPerUnit',
  tiers: flatTiers,
};

const annualVolumeTerms: Terms = {
  kind: 'annualVolume',
  basis: 'quantity',
  method: 'retrospective',
  rateType: 'amountPerUnit',
  tiers: flatTiers,
};

const growthTerms: Terms = {
  kind: 'growth',
  basis: 'quantity',
  growthMeasure: 'absolute',
  appliesTo: 'periodVolume',
  rateType: 'amountPerUnit',
  tiers: flatTiers,
};

describe('toSaleLine', () => {
  it('falls back to the invoice date for absent ship and order dates, and to empty parties', () => {
    // Arrange
    const stored = channelLine({ invoiceNumber: 'INV-9', invoiceLine: '3', invoiceDate: '2026-03-15' });

    // Act
    const line = toSaleLine(stored);

    // Assert
    expect(line).toEqual({
      lineId: 'P1/INV-9/3',
      partnerId: 'P1',
      invoiceDate: '2026-03-15',
      shipDate: '2026-03-15',
      orderDate: '2026-03-15',
      sku: 'SKU-1',
      category: 'CAT-A',
      uom: 'EA',
      quantityBase: '100',
      extendedAmount: '1000.00',
      currency: 'USD',
      endCustomerId: '',
      billTo: '',
      shipTo: '',
      orderType: '',
      salesperson: '',
      warehouse: '',
      attributes: {},
    });
  });

  it('keeps the dates, parties and custom attributes a line has, copying the attributes', () => {
    // Arrange
    const custom = { channel: 'RETAIL' };
    const stored = channelLine({
      shipDate: '2026-03-12',
      orderDate: '2026-02-27',
      endCustomerId: 'CUST-1',
      billTo: 'B-1',
      shipTo: 'S-1',
      orderType: 'STANDARD',
      salesperson: 'REP-1',
      warehouse: 'W-1',
      custom,
    });

    // Act
    const line = toSaleLine(stored);

    // Assert
    expect(line).toMatchObject({
      shipDate: '2026-03-12',
      orderDate: '2026-02-27',
      endCustomerId: 'CUST-1',
      billTo: 'B-1',
      shipTo: 'S-1',
      orderType: 'STANDARD',
      salesperson: 'REP-1',
      warehouse: 'W-1',
      attributes: { channel: 'RETAIL' },
    });
    expect('attributes' in line && line.attributes).not.toBe(custom);
  });

  it.each([
    ['ten integer digits', '1234567890'],
    ['seven decimals', '1.1234567'],
    ['exponent notation', '1e3'],
    ['a plus sign', '+5'],
    ['thousands separators', '1,000'],
    ['nothing', ''],
  ])('refuses a quantity with %s as unreadable, naming the line', (_case, quantity) => {
    expect(toSaleLine(channelLine({ quantity }))).toEqual({
      lineId: 'P1/INV-1/1',
      reason: `quantity ${quantity} out of range`,
      partnerId: 'P1',
      month: '2026-03',
    });
  });

  it('refuses an extended amount beyond the exact range as unreadable rather than rounding it', () => {
    expect(toSaleLine(channelLine({ extendedAmount: '1000000000.00' }))).toEqual({
      lineId: 'P1/INV-1/1',
      reason: 'extended amount 1000000000.00 out of range',
      partnerId: 'P1',
      month: '2026-03',
    });
    expect(toSaleLine(channelLine({ extendedAmount: '0.0000001' }))).toMatchObject({
      reason: 'extended amount 0.0000001 out of range',
    });
  });

  it('accepts the edges of the exact range and returns (negative lines)', () => {
    const line = toSaleLine(
      channelLine({ quantity: '-999999999.999999', extendedAmount: '999999999.999999' }),
    );
    expect(line).toMatchObject({ quantityBase: '-999999999.999999', extendedAmount: '999999999.999999' });
  });

  it('reads any quantity and amount within the exact range unchanged, and none beyond it (property)', () => {
    const fraction = fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined });
    const decimal = (whole: fc.Arbitrary<bigint>) =>
      fc
        .tuple(fc.boolean(), whole, fraction)
        .map(
          ([negative, units, decimals]) =>
            `${negative ? '-' : ''}${units}${decimals === undefined ? '' : `.${decimals}`}`,
        );
    const inRange = decimal(fc.bigInt({ min: 0n, max: 999_999_999n }));
    const tooLarge = decimal(fc.bigInt({ min: 1_000_000_000n, max: 10n ** 15n }));
    fc.assert(
      fc.property(inRange, inRange, tooLarge, (quantity, extendedAmount, large) => {
        expect(toSaleLine(channelLine({ quantity, extendedAmount }))).toMatchObject({
          quantityBase: quantity,
          extendedAmount,
        });
        expect(toSaleLine(channelLine({ quantity: large }))).toHaveProperty('reason');
        expect(toSaleLine(channelLine({ extendedAmount: large }))).toHaveProperty('reason');
      }),
    );
  });

  it('identifies a line by partner, invoice and line, stable across restatements', () => {
    const original = channelLine({ quantity: '1' });
    const restated = channelLine({ quantity: '2', extendedAmount: '20.00' });
    expect(saleLineId(original)).toBe('P1/INV-1/1');
    expect(toSaleLine(restated)).toMatchObject({ lineId: saleLineId(original) });
  });
});

describe('monthsToRead', () => {
  it('reads the run month of a monthly program with one month of margin each side', () => {
    expect(monthsToRead([program(volumeTerms)], march2026)).toEqual(['2026-02', '2026-03', '2026-04']);
  });

  it('crosses year ends in the margin', () => {
    const january = { start: '2026-01-01', end: '2026-01-31' };
    expect(monthsToRead([program(volumeTerms)], january)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('reads a quarter to date when the run ends mid-quarter', () => {
    const quarterly = program(volumeTerms, { periodGranularity: 'quarter' });
    const may = { start: '2026-05-01', end: '2026-05-31' };
    expect(monthsToRead([quarterly], may)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
  });

  it('reads the program year to date of an annual volume program accrued monthly', () => {
    const annual = program(annualVolumeTerms, { periodGranularity: 'month' });
    expect(monthsToRead([annual], march2026)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
  });

  it('adds the growth baseline one year earlier, and the months between', () => {
    // Arrange
    const growth = program(growthTerms, { eligibility: { startDate: '2025-01-01' } });

    // Act
    const months = monthsToRead([growth], march2026);

    // Assert
    expect(months[0]).toBe('2025-02');
    expect(months.at(-1)).toBe('2026-04');
    expect(months).toHaveLength(15);
    expect(months).toContain('2025-03');
  });

  it('covers every program of the run', () => {
    const monthly = program(volumeTerms);
    const quarterly = program(volumeTerms, { programId: 'PRG-Q', periodGranularity: 'quarter' });
    expect(monthsToRead([monthly, quarterly], march2026)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
  });

  it('reads nothing without programs, or when no program has a window in the run', () => {
    const notStarted = program(volumeTerms, { eligibility: { startDate: '2026-06-01' } });
    const ended = program(volumeTerms, {
      programId: 'PRG-OLD',
      eligibility: { startDate: '2025-01-01', endDate: '2025-12-31' },
    });
    const promotionOver = program({
      kind: 'promotion',
      rateType: 'amountPerUnit',
      rate: '1',
      window: { start: '2026-01-05', end: '2026-01-20' },
    });

    expect(monthsToRead([], march2026)).toEqual([]);
    expect(monthsToRead([notStarted, ended, promotionOver], march2026)).toEqual([]);
  });

  it('always reads a contiguous, ascending range covering the run month (property)', () => {
    const month = fc.record({
      year: fc.integer({ min: 2001, max: 2098 }),
      month: fc.integer({ min: 1, max: 12 }),
    });
    fc.assert(
      fc.property(
        month,
        fc.constantFrom('month', 'quarter', 'year') as fc.Arbitrary<'month' | 'quarter' | 'year'>,
        (at, granularity) => {
          const label = `${at.year}-${String(at.month).padStart(2, '0')}`;
          const period = { start: `${label}-01`, end: `${label}-28` };
          const months = monthsToRead(
            [
              program(volumeTerms, {
                periodGranularity: granularity,
                eligibility: { startDate: '2000-01-01' },
              }),
            ],
            period,
          );
          expect(months).toContain(label);
          const indexes = months.map((text) => Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)));
          indexes.forEach((index, position) => {
            if (position > 0) expect(index).toBe((indexes[position - 1] ?? 0) + 1);
          });
        },
      ),
    );
  });
});
