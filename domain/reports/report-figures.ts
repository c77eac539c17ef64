import { divideHalfEven, formatScaled, powerOfTen } from '../shared/money/scaled-integer';

const ratioDecimals = 4;

/**
 * `numerator / denominator` as a decimal string with 4 decimals, half-even (0.9750 = 97.5 %), or null when
 * the denominator is zero (no basis to compare with). Exact: integers in, one named rounding out.
 */
export function ratio(numerator: bigint, denominator: bigint): string | null {
  if (denominator === 0n) return null;
  return formatScaled(
    divideHalfEven(numerator * powerOfTen(ratioDecimals), denominator),
    ratioDecimals,
    ratioDecimals,
  );
}

/** Map entry for `key`, created by `make` the first time. */
export function entryOf<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** Compares texts by code unit, for stable report orders. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
