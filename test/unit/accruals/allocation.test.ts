import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateLargestRemainder, roundPreservingTotal } from '../../../domain/accruals/allocation';
import { floorDiv } from '../../../domain/shared/money/scaled-integer';

const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);

describe('largest-remainder allocation', () => {
  it('splits 100 cents over three equal weights as 34, 33, 33', () => {
    expect(allocateLargestRemainder(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
  });

  it('splits with a return among the weights and keeps the total', () => {
    // Weights 300 and −100 net 200: shares are 1.5× and −0.5× the total.
    expect(allocateLargestRemainder(1001n, [300n, -100n])).toEqual([1502n, -501n]);
  });

  it('refuses to allocate money over weights that cancel out', () => {
    expect(() => allocateLargestRemainder(5n, [1n, -1n])).toThrow(/add up to zero/);
    expect(allocateLargestRemainder(0n, [1n, -1n])).toEqual([0n, 0n]);
  });

  it('property: parts add up to the total and each is the floor or ceiling of its exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          fc.pre(sum(weights) !== 0n);
          const parts = allocateLargestRemainder(total, weights);
          expect(sum(parts)).toBe(total);
          const weightSum = sum(weights);
          parts.forEach((part, index) => {
            const floor = floorDiv(total * (weights[index] ?? 0n), weightSum);
            expect(part === floor || part === floor + 1n).toBe(true);
          });
        },
      ),
    );
  });
});

describe('rounding that preserves the total', () => {
  it('rounds three thirds of a cent so the total is the rounded sum', () => {
    // 0.333… + 0.333… + 0.333… cents at 1e-4 → total 1.00 → one part gets the extra cent.
    const { rounded, total } = roundPreservingTotal([3333n, 3333n, 3334n], 4, 2);

    expect(total).toBe(100n);
    expect(rounded).toEqual([33n, 33n, 34n]);
  });

  it('property: rounded parts add up to the half-even total and stay within one unit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), { maxLength: 40 }),
        (values) => {
          const { rounded, total } = roundPreservingTotal(values, 12, 2);
          expect(sum(rounded)).toBe(total);
          values.forEach((value, index) => {
            const floor = floorDiv(value, 10n ** 10n);
            const part = rounded[index] ?? 0n;
            expect(part === floor || (part === floor + 1n && value % 10n ** 10n !== 0n)).toBe(true);
          });
        },
      ),
    );
  });
});
