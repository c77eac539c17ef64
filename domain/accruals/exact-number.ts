/**
 * Exact integer arithmetic on JavaScript numbers for the engine's hot loops, where BigInt costs ≈ 1 µs per
 * entry. Every function states the bounds under which it is exact; callers check those bounds once per pool
 * and take the BigInt path when they do not hold.
 *
 * `floorMulDiv` multiplies two integers whose product does not fit in 53 bits: Dekker's two-product gives the
 * product as a rounded double plus its exact error, which is enough to compute the remainder of an estimated
 * quotient exactly and correct the estimate.
 */

/** Operands and divisors up to 2^50 keep every intermediate below 2^53: see `floorMulDiv`. */
export const EXACT_OPERAND_LIMIT = 2 ** 50;

/** Veltkamp's splitter for doubles: 2^27 + 1. */
const splitter = 134_217_729;

/** The remainder of the last `floorMulDiv` call, in [0, divisor). Module state avoids allocating a pair. */
let lastRemainder = 0;

/** The remainder left by the last `floorMulDiv`. */
export function floorMulDivRemainder(): number {
  return lastRemainder;
}

/**
 * floor(a × b / divisor), exactly, with the remainder (in [0, divisor)) available from
 * `floorMulDivRemainder()`. Exact when a and b are integers with |a|, |b| ≤ 2^50, `divisor` an integer in
 * (0, 2^50] and |a × b / divisor| ≤ 2^51.
 *
 * Why: the quotient estimate q is within 3 of the true one; a × b = h1 + l1 and q × divisor = h2 + l2 exactly
 * (two-product), |l1|, |l2| ≤ 2^47, so h1 − h2 and l1 − l2 are integers below 2^53 and their sum, the
 * remainder, is computed without rounding; a few corrections bring it into [0, divisor).
 */
export function floorMulDiv(a: number, b: number, divisor: number): number {
  const h1 = a * b;
  let quotient = Math.floor(h1 / divisor);
  let t = splitter * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = splitter * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const l1 = al * bl - (h1 - ah * bh - al * bh - ah * bl);
  const h2 = quotient * divisor;
  t = splitter * quotient;
  const qh = t - (t - quotient);
  const ql = quotient - qh;
  t = splitter * divisor;
  const dh = t - (t - divisor);
  const dl = divisor - dh;
  const l2 = ql * dl - (h2 - qh * dh - ql * dh - qh * dl);
  let remainder = h1 - h2 + (l1 - l2);
  while (remainder < 0) {
    quotient -= 1;
    remainder += divisor;
  }
  while (remainder >= divisor) {
    quotient += 1;
    remainder -= divisor;
  }
  lastRemainder = remainder;
  return quotient;
}

/** floor(value / divisor) for integers with |value| < 2^53 and 0 < divisor < 2^53; remainder as above. */
export function floorDivNumber(value: number, divisor: number): number {
  let quotient = Math.floor(value / divisor);
  let remainder = value - quotient * divisor;
  while (remainder < 0) {
    quotient -= 1;
    remainder += divisor;
  }
  while (remainder >= divisor) {
    quotient += 1;
    remainder -= divisor;
  }
  lastRemainder = remainder;
  return quotient;
}

/**
 * Marks the `count` largest of `values[from..to)` in `marks` (1 = chosen), the earlier index first among
 * equal values: the same choice as sorting by (value descending, index ascending) and taking a prefix, in
 * linear expected time. `scratch` must hold at least `to − from` numbers.
 */
export function markLargest(
  values: Float64Array,
  from: number,
  to: number,
  count: number,
  marks: Uint8Array,
  scratch: Float64Array,
): void {
  const size = to - from;
  for (let index = from; index < to; index++) marks[index] = 0;
  if (count <= 0) return;
  if (count >= size) {
    for (let index = from; index < to; index++) marks[index] = 1;
    return;
  }
  for (let index = 0; index < size; index++) scratch[index] = values[from + index] ?? 0;
  // The count-th largest value is the threshold: everything above it is chosen, then ties by index.
  const threshold = selectNth(scratch, size, size - count);
  let left = count;
  for (let index = from; index < to; index++) {
    if ((values[index] ?? 0) > threshold) {
      marks[index] = 1;
      left -= 1;
    }
  }
  for (let index = from; index < to && left > 0; index++) {
    if (values[index] === threshold) {
      marks[index] = 1;
      left -= 1;
    }
  }
}

/** The value that would sit at position `nth` if `data[0..size)` were sorted ascending (Hoare's select). */
function selectNth(data: Float64Array, size: number, nth: number): number {
  let low = 0;
  let high = size - 1;
  while (high > low) {
    const pivot = data[(low + high) >>> 1] ?? 0;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((data[i] ?? 0) < pivot) i++;
      while ((data[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const swap = data[i] ?? 0;
        data[i] = data[j] ?? 0;
        data[j] = swap;
        i++;
        j--;
      }
    }
    if (nth <= j) high = j;
    else if (nth >= i) low = i;
    else return data[nth] ?? 0;
  }
  return data[nth] ?? 0;
}
