import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DecimalReader,
  decimalAbsurd,
  decimalInvalid,
  decimalOk,
  decimalString,
  decimalTooPrecise,
  multiplyUnits,
  roundUnitsHalfEven,
  withinOneMinorUnit,
} from '../../../domain/ingestion/decimal-text';
import { toBaseQuantity } from '../../../domain/products/product';
import { Money } from '../../../domain/shared/money/money';

/** Reads `text` and returns the canonical decimal string, or the status when it is refused. */
function canonical(text: string, reader = new DecimalReader('.', '')): string | number {
  const status = reader.read(text);
  return status === decimalOk ? decimalString(reader.units, reader.scale, reader.negative) : status;
}

/** Decimal strings with up to 9 integer digits and 6 decimals, signed. */
const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 999_999_999n }),
    fc.integer({ min: 0, max: 6 }),
    fc.bigInt({ min: 0n, max: 999_999n }),
  )
  .map(([negative, integer, decimals, fraction]) => {
    const digits =
      decimals === 0 ? '' : `.${(fraction % 10n ** BigInt(decimals)).toString().padStart(decimals, '0')}`;
    return `${negative ? '-' : ''}${integer}${digits}`;
  });
const priceText = fc
  .tuple(
    fc.bigInt({ min: 0n, max: 99_999_999n }),
    fc.integer({ min: 0, max: 6 }),
    fc.bigInt({ min: 0n, max: 999_999n }),
  )
  .map(([integer, decimals, fraction]) =>
    decimals === 0
      ? `${integer}`
      : `${integer}.${(fraction % 10n ** BigInt(decimals)).toString().padStart(decimals, '0')}`,
  );

describe('DecimalReader', () => {
  it.each([
    ['12', '12'],
    ['-3', '-3'],
    ['12.50', '12.5'],
    ['0.000100', '0.0001'],
    ['007', '7'],
    [' 4 ', '4'],
    ['+4', '4'],
    ['(12.5)', '-12.5'],
    ['12-', '-12'],
    ['-0', '0'],
    ['1000000000', '1000000000'],
  ])('reads %j as %j', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it.each([
    ['abc', decimalInvalid],
    ['1.2.3', decimalInvalid],
    ['1e5', decimalInvalid],
    ['-', decimalInvalid],
    ['1,000', decimalInvalid],
    ['1.1234567', decimalTooPrecise],
    ['1000000000.5', decimalAbsurd],
    ['99999999999', decimalAbsurd],
  ])('refuses %j', (text, status) => {
    expect(canonical(text)).toBe(status);
  });

  it('reads grouped European numbers and refuses misplaced grouping', () => {
    const reader = new DecimalReader(',', '.');
    expect(canonical('1.234.567,89', reader)).toBe('1234567.89');
    expect(canonical('12,5', reader)).toBe('12.5');
    expect(canonical('12.34,5', reader)).toBe(decimalInvalid);
    expect(canonical('1 234,5', new DecimalReader(',', ' '))).toBe('1234.5');
  });

  it('agrees with decimal.js on every plain decimal (property)', () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        expect(canonical(text)).toBe(new Money(text).toFixed());
      }),
    );
  });
});

describe('exact scaled arithmetic', () => {
  it('computes qty × price rounded half-even to minor units exactly as decimal.js (property)', () => {
    const reader = new DecimalReader('.', '');
    fc.assert(
      fc.property(decimalText, priceText, fc.constantFrom(0, 2, 3), (quantity, price, minor) => {
        reader.read(quantity);
        const [qUnits, qScale, negative] = [reader.units, reader.scale, reader.negative];
        reader.read(price);
        const rounded = roundUnitsHalfEven(multiplyUnits(qUnits, reader.units), qScale + reader.scale, minor);
        const ours = decimalString(rounded, minor, negative, minor);

        const reference = new Money(quantity)
          .times(price)
          .toDecimalPlaces(minor, Money.ROUND_HALF_EVEN)
          .toFixed(minor);
        // decimal.js keeps the sign of a negative amount that rounds to zero ("-0.00"); amounts never show "-0".
        expect(ours).toBe(reference.replace(/^-(0(\.0+)?)$/, '$1'));
      }),
      { numRuns: 2000 },
    );
  });

  it('converts to the base unit exactly as toBaseQuantity (property)', () => {
    const reader = new DecimalReader('.', '');
    const factor = fc
      .tuple(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 0, max: 6 }))
      .map(([units, scale]) => decimalString(units, scale, false));
    fc.assert(
      fc.property(decimalText, factor, (quantity, factorText) => {
        reader.read(factorText);
        const [fUnits, fScale] = [reader.units, reader.scale];
        reader.read(quantity);
        const ours = decimalString(
          multiplyUnits(reader.units, fUnits),
          reader.scale + fScale,
          reader.negative,
        );
        const product = {
          sku: 'X',
          name: 'X',
          category: 'C',
          baseUom: 'EA',
          uomConversions: [{ uom: 'CS', factor: factorText }],
          status: 'active' as const,
        };
        expect(ours).toBe(toBaseQuantity(product, quantity, 'CS'));
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts a reported amount within one minor unit of qty × price and nothing further (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: -300, max: 300 }),
        (exact, scale, offsetThousandths) => {
          // exact × 10^-scale versus (exact × 10^-scale + offset/1000), tolerance 0.01
          const amount = new Money(exact)
            .div(new Money(10).pow(scale))
            .plus(new Money(offsetThousandths).div(1000));
          const negative = amount.isNegative();
          const amountText = amount.abs().toFixed();
          const reader = new DecimalReader('.', '');
          reader.read(amountText);
          const within = withinOneMinorUnit(reader.units, reader.scale, negative, exact, scale, false, 2);
          expect(within).toBe(Math.abs(offsetThousandths) <= 10);
        },
      ),
    );
  });
});
