import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalUnitPrice, Money, unitPriceSchema } from '../../../domain/shared/money/money';

describe('canonicalUnitPrice', () => {
  it.each([
    ['12.5', 'USD', '12.50'],
    ['12', 'USD', '12.00'],
    ['0.123400', 'USD', '0.1234'],
    ['1200', 'JPY', '1200'],
    ['1200.5', 'JPY', '1200.5'],
  ] as const)('%s %s → %s', (amount, currency, expected) => {
    expect(canonicalUnitPrice(amount, currency)).toBe(expected);
  });

  it('never changes the value', () => {
    const amounts = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n - 1n }), fc.integer({ min: 0, max: 6 }))
      .map(([units, scale]) => new Money(units.toString()).dividedBy(10 ** scale).toFixed(scale));
    fc.assert(
      fc.property(amounts, (amount) => {
        expect(new Money(canonicalUnitPrice(amount, 'USD')).eq(amount)).toBe(true);
      }),
    );
  });
});

describe('unitPriceSchema', () => {
  it.each(['-1', '1e3', '1,000.00', '1.1234567', '', ' 1'])('refuses %j', (value) => {
    expect(unitPriceSchema.safeParse(value).success).toBe(false);
  });

  it('rounds half to even by default', () => {
    expect(new Money('0.125').toDecimalPlaces(2).toFixed(2)).toBe('0.12');
    expect(new Money('0.135').toDecimalPlaces(2).toFixed(2)).toBe('0.14');
  });
});
