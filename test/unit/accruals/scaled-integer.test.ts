import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Money } from '../../../domain/shared/money/money';
import {
  divideHalfEven,
  formatScaled,
  parseLineDecimal,
  parseScaled,
  roundHalfEven,
} from '../../../domain/shared/money/scaled-integer';

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 999_999_999n }), fc.bigInt({ min: 0n, max: 999_999n }))
  .map(
    ([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}.${String(fraction).padStart(6, '0')}`,
  );

describe('scaled integers', () => {
  it('parses and formats decimal strings exactly', () => {
    expect(parseScaled('12.5', 6)).toBe(12_500_000n);
    expect(parseScaled('-0.000001', 6)).toBe(-1n);
    expect(formatScaled(123_450n, 4, 2)).toBe('12.345');
    expect(formatScaled(120_000n, 4, 2)).toBe('12.00');
    expect(formatScaled(-5n, 4, 2)).toBe('-0.0005');
    expect(() => parseScaled('1.0000001', 6)).toThrow(/more than 6 decimals/);
    expect(() => parseScaled('1e3', 6)).toThrow(/not a decimal/);
    expect(() => parseLineDecimal('1234567890')).toThrow(/at most 9 digits/);
  });

  it('rounds half to even', () => {
    expect(roundHalfEven(1_0050n, 4, 2)).toBe(100n);
    expect(roundHalfEven(1_0150n, 4, 2)).toBe(102n);
    expect(roundHalfEven(-1_0050n, 4, 2)).toBe(-100n);
    expect(roundHalfEven(-1_0150n, 4, 2)).toBe(-102n);
    expect(roundHalfEven(1_0051n, 4, 2)).toBe(101n);
  });

  it('property: the number path of the hot loop equals the bigint path', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(BigInt(parseLineDecimal(text))).toBe(parseScaled(text, 6));
      }),
    );
  });

  it('property: integer half-even rounding equals decimal.js half-even rounding', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.integer({ min: 1, max: 14 }),
        (value, drop) => {
          const reference = new Money(value.toString()).div(new Money(10).pow(drop)).toDecimalPlaces(0);
          expect(roundHalfEven(value, drop, 0).toString()).toBe(reference.toFixed(0));
        },
      ),
    );
  });

  it('property: dividing half-even matches decimal.js for any signs', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).filter((d) => d !== 0n),
        (numerator, denominator) => {
          const reference = new Money(numerator.toString()).div(denominator.toString()).toDecimalPlaces(0);
          expect(divideHalfEven(numerator, denominator).toString()).toBe(reference.toFixed(0));
        },
      ),
    );
  });
});
