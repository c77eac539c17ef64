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

/**
 * floor(a × b / divisor), exactly; the remainder (in [0, divisor)) goes to `remainders[at]`, so a loop over
 * entries gets both without allocating a pair. Exact when a and b are integers with |a|, |b| ≤ 2^50, `divisor` an integer in
 * (0, 2^50] and |a × b / divisor| ≤ 2^51.
 *
 * Why: the quotient estimate q is within 3 of the true one; a × b = h1 + l1 and q × divisor = h2 + l2 exactly
 * (two-product), |l1|, |l2| ≤ 2^47, so h1 − h2 and l1 − l2 are integers below 2^53 and their sum, the
 * remainder, is computed without rounding; a few corrections bring it into [0, divisor). A product below
 * 2^52 is exact as it is, and skips the two-product.
 */
export function floorMulDiv(
  a: number,
  b: number,
  divisor: number,
  remainders: Float64Array,
  at: number,
): number {
  const h1 = a * b;
  let quotient = Math.floor(h1 / divisor);
  let remainder: number;
  if (Math.abs(h1) < 2 ** 52) {
    // The product is exact, and so is quotient × divisor (within 2^52 + 2^50): no two-product needed.
    remainder = h1 - quotient * divisor;
  } else {
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
    remainder = h1 - h2 + (l1 - l2);
  }
  while (remainder < 0) {
    quotient -= 1;
    remainder += divisor;
  }
  while (remainder >= divisor) {
    quotient += 1;
    remainder -= divisor;
  }
  remainders[at] = remainder;
  return quotient;
}

/**
 * floor(value / divisor) for integers with |value| ≤ 2^52 and 0 < divisor ≤ 2^50 (so that quotient ×
 * divisor, off by at most one divisor before the correction, stays exact); remainder as above.
 */
export function floorDivNumber(value: number, divisor: number, remainders: Float64Array, at: number): number {
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
  remainders[at] = remainder;
  return quotient;
}

/** Below this many values, selecting among them all is cheaper than narrowing them down by the histogram. */
const histogramFrom = 64;
const bucketCount = 256;

/** The histogram bucket of a value in [0, range), with `scale` = bucketCount / range. */
function bucketOf(value: number, scale: number): number {
  return Math.min(bucketCount - 1, Math.floor(value * scale));
}

/**
 * Which `count` of `values[0..size)` are the largest, the earlier index first among equal values (the same
 * choice as sorting by value descending, then index, and taking a prefix): every value above `threshold` and
 * the first `ties` values equal to it, which `take` tells value by value in index order. Values are integers
 * in [0, range), counted into a histogram (`reset`, then `count` each, as they are computed) so that
 * `choose` selects only among the values of the bucket that holds the count-th largest: linear expected time.
 */
export class LargestChoice {
  threshold = 0;
  ties = 0;
  private readonly histogram = new Int32Array(bucketCount);
  private scale = 0;

  reset(range: number): void {
    this.histogram.fill(0);
    this.scale = bucketCount / range;
  }

  count(value: number): void {
    const bucket = bucketOf(value, this.scale);
    this.histogram[bucket] = (this.histogram[bucket] as number) + 1;
  }

  /** Chooses among the `size` values counted since `reset`; `scratch` holds `size` numbers. */
  choose(values: Float64Array, size: number, count: number, scratch: Float64Array): void {
    this.ties = 0;
    if (count <= 0) {
      this.threshold = Number.POSITIVE_INFINITY;
      return;
    }
    if (count >= size) {
      this.threshold = Number.NEGATIVE_INFINITY;
      return;
    }
    let candidates = 0;
    let above = 0;
    if (size >= histogramFrom) {
      const { histogram, scale } = this;
      let bucket = bucketCount - 1;
      while (above + (histogram[bucket] as number) < count) above += histogram[bucket--] as number;
      for (let at = 0; at < size; at++) {
        const value = values[at] as number;
        if (bucketOf(value, scale) === bucket) scratch[candidates++] = value;
      }
    } else {
      for (let at = 0; at < size; at++) scratch[at] = values[at] as number;
      candidates = size;
    }
    const threshold = selectNth(scratch, candidates, candidates - (count - above));
    let chosenAbove = above;
    for (let at = 0; at < candidates; at++) if ((scratch[at] as number) > threshold) chosenAbove++;
    this.threshold = threshold;
    this.ties = count - chosenAbove;
  }

  /** 1 if the value, met in index order, is one of the chosen; else 0. */
  take(value: number): number {
    // Ties are rare: the usual case is one comparison, turned into 0 or 1 without a branch to mispredict.
    if (value !== this.threshold) return Number(value > this.threshold);
    if (this.ties === 0) return 0;
    this.ties -= 1;
    return 1;
  }
}

/** The value that would sit at position `nth` if `data[0..size)` were sorted ascending (Hoare's select). */
function selectNth(data: Float64Array, size: number, nth: number): number {
  let low = 0;
  let high = size - 1;
  while (high > low) {
    const pivot = data[(low + high) >>> 1] as number;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((data[i] as number) < pivot) i++;
      while ((data[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = data[i] as number;
        data[i] = data[j] as number;
        data[j] = swap;
        i++;
        j--;
      }
    }
    if (nth <= j) high = j;
    else if (nth >= i) low = i;
    else return data[nth] as number;
  }
  return data[nth] as number;
}
