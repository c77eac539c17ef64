import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, progressPercent, subtractDecimals, sumDecimals } from '../../../web/src/money';

/** Decimal strings as the API sends them: up to 9 integer digits, up to 6 decimals, either sign. */
const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 999_999_999n }),
    fc.integer({ min: 0, max: 6 }),
    fc.nat(999_999),
  )
  .map(([negative, whole, scale, fraction]) => {
    const digits = scale === 0 ? '' : `.${String(fraction).padStart(6, '0').slice(0, scale)}`;
    return `${negative && (whole > 0n || fraction > 0) ? '-' : ''}${whole}${digits}`;
  });

describe('portal money', () => {
  it('sums the checkbook figures exactly: 4067.26 + 825.00 + 1764.06 + 604.62 = 7260.94 (floats give 7260.9400000000005)', () => {
    expect(sumDecimals(['4067.26', '825.00', '1764.06', '604.62'])).toBe('7260.94');
    expect(sumDecimals([])).toBe('0.00');
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.30');
    expect(subtractDecimals('25.00', '130.00')).toBe('-105.00');
  });

  it('agrees with decimal.js on any list of API amounts', () => {
    fc.assert(
      fc.property(fc.array(decimalText, { maxLength: 30 }), (values) => {
        const expected = values.reduce((sum, value) => sum.plus(value), new Decimal(0));
        expect(new Decimal(sumDecimals(values)).equals(expected)).toBe(true);
      }),
    );
  });

  it('formats per currency from the exact string: 17 integer digits keep their cents (a float would not), JPY has no minor unit', () => {
    expect(formatMoney('7260.94', 'USD')).toBe('$7,260.94');
    expect(formatMoney('-105.00', 'USD')).toBe('-$105.00');
    expect(formatMoney('12345678901234567.89', 'EUR')).toBe('€12,345,678,901,234,567.89');
    expect(formatMoney('1500', 'JPY')).toBe('¥1,500');
    expect(() => formatMoney('1e3', 'USD')).toThrow(/Not a decimal amount/);
  });

  it('draws a tier bar from the tier reached to the next: 127 units between 100 and 250 is 18 %', () => {
    expect(progressPercent('127', '100', '250')).toBe(18);
    expect(progressPercent('90', '100', '250')).toBe(0);
    expect(progressPercent('300', '100', '250')).toBe(100);
    expect(progressPercent('163203', '150000', '150000')).toBe(100);
  });

  it('keeps the bar within 0-100 and never moves it back as volume grows', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.nat(1_000_000),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.nat(1_000),
        (volume, from, width, more) => {
          const to = String(from + width);
          const now = progressPercent(String(volume), String(from), to);
          const later = progressPercent(String(volume + more), String(from), to);
          expect(now).toBeGreaterThanOrEqual(0);
          expect(later).toBeLessThanOrEqual(100);
          expect(later).toBeGreaterThanOrEqual(now);
        },
      ),
    );
  });
});
