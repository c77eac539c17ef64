import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floorDivNumber, floorMulDiv, LargestChoice } from '../../../domain/accruals/engine/exact-number';
import { floorDiv } from '../../../domain/shared/money/scaled-integer';

const limit = 2 ** 50;
const operand = fc.integer({ min: -limit, max: limit });

describe('exact number arithmetic', () => {
  it('floorMulDiv gives the BigInt quotient and remainder within its bounds', () => {
    fc.assert(
      fc.property(operand, operand, fc.integer({ min: 1, max: limit }), (a, b, divisor) => {
        const exact = BigInt(a) * BigInt(b);
        fc.pre(exact / BigInt(divisor) <= 2n ** 51n && exact / BigInt(divisor) >= -(2n ** 51n));
        const remainders = new Float64Array(2);

        const quotient = floorMulDiv(a, b, divisor, remainders, 1);

        const expected = floorDiv(exact, BigInt(divisor));
        expect(BigInt(quotient)).toBe(expected);
        expect(BigInt(remainders[1] as number)).toBe(exact - expected * BigInt(divisor));
      }),
      { numRuns: 2000 },
    );
  });

  it('floorDivNumber gives the floor and a remainder in [0, divisor)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 52), max: 2 ** 52 }),
        fc.integer({ min: 1, max: limit }),
        (value, divisor) => {
          const remainders = new Float64Array(1);

          const quotient = floorDivNumber(value, divisor, remainders, 0);

          expect(BigInt(quotient)).toBe(floorDiv(BigInt(value), BigInt(divisor)));
          expect(quotient * divisor + (remainders[0] as number)).toBe(value);
        },
      ),
    );
  });

  it('LargestChoice picks what sorting by value (descending) then index would pick', () => {
    // Small ranges force ties; long arrays take the histogram path.
    const valuesArbitrary = fc.oneof(
      fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }),
      fc.array(fc.integer({ min: 0, max: 1e12 - 1 }), { minLength: 60, maxLength: 1200 }),
      fc.array(fc.constantFrom(0, 1, 999_999_999_999), { minLength: 60, maxLength: 600 }),
    );
    fc.assert(
      fc.property(valuesArbitrary, fc.integer({ min: -2, max: 1300 }), (values, count) => {
        const choice = new LargestChoice();
        choice.reset(1e12);
        for (const value of values) choice.count(value);

        choice.choose(Float64Array.from(values), values.length, count, new Float64Array(values.length));
        const taken = values.flatMap((value, index) => (choice.take(value) === 1 ? [index] : []));

        const expected = values
          .map((value, index) => ({ value, index }))
          .sort((a, b) => b.value - a.value || a.index - b.index)
          .slice(0, Math.max(count, 0))
          .map((item) => item.index)
          .sort((a, b) => a - b);
        expect(taken).toEqual(expected);
      }),
    );
  });
});
