import { floorDivNumber, floorMulDiv, LargestChoice } from './exact-number';

/**
 * A non-negative rate factor split against `divisor` (1e-14 units per minor unit): whole minor units per
 * basis unit, plus the fraction rest / divisor reduced by their greatest common divisor `scale`. Rates are
 * round decimals, so a reduced product usually stays below 2^52, where `floorMulDiv` needs no two-product;
 * a reduced remainder times `scale` is the remainder at 1e-14.
 */
export interface SplitFactor {
  readonly whole: number;
  readonly rest: number;
  readonly divisor: number;
  readonly scale: number;
}

/** The same, per item id (a SPIF's rates). */
export interface ItemFactors {
  readonly whole: Float64Array;
  readonly rest: Float64Array;
  readonly divisor: Float64Array;
  readonly scale: Float64Array;
}

const noItems: ItemFactors = {
  whole: new Float64Array(0),
  rest: new Float64Array(0),
  divisor: new Float64Array(0),
  scale: new Float64Array(0),
};

function greatestCommonDivisor(a: number, b: number): number {
  let [x, y] = [a, b];
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** Splits a non-negative factor against `divisor`, see `SplitFactor`. */
export function splitFactor(factor: bigint, divisor: bigint): SplitFactor {
  const whole = factor / divisor;
  const rest = Number(factor - whole * divisor);
  const scale = greatestCommonDivisor(rest, Number(divisor));
  return { whole: Number(whole), rest: rest / scale, divisor: Number(divisor) / scale, scale };
}

/** How `round` forms each entry's share. */
const MULTIPLY = 0;
const PER_ITEM = 1;
const ALLOCATE = 2;

/**
 * The number path of pool rating, with its scratch (shared by the programs of a run, grown to the largest
 * pool). The bases are the entries' rated bases, rows `start` to `start + size` of `amounts`; each entry's
 * exact share of the pool (an integer of 1e-14) is formed as whole minor units in `floors` plus the rest
 * below `divisor` (1e-14 units per minor unit) in `remainders`; the pool total is rounded half-even once and
 * its extra units go to the largest remainders, and the amounts overwrite the bases. Callers check the
 * bounds of `floorMulDiv` once per pool. Every loop reads typed arrays and numbers only (monomorphic).
 */
export class PoolShares {
  private floors = new Float64Array(0);
  private remainders = new Float64Array(0);
  private select = new Float64Array(0);
  /** Per entry: its item (SPIFs). */
  private items = new Int32Array(0);
  /** Per entry: the level-one part of its allocated share (see `allocate`). */
  private levelOne = new Float64Array(0);
  /** The factors of the items (set by `perItem`). */
  private itemFactors: ItemFactors = noItems;
  private readonly choice = new LargestChoice();

  private ensure(size: number): void {
    if (this.floors.length >= size) return;
    const capacity = Math.max(size, this.floors.length * 2, 1024);
    this.floors = new Float64Array(capacity);
    this.remainders = new Float64Array(capacity);
    this.select = new Float64Array(capacity);
    this.items = new Int32Array(capacity);
    this.levelOne = new Float64Array(capacity);
  }

  /** The largest magnitude of the bases. */
  largestBasis(amounts: Float64Array, start: number, size: number): number {
    let largest = 0;
    for (let at = start; at < start + size; at++)
      largest = Math.max(largest, Math.abs(amounts[at] as number));
    return largest;
  }

  /** Amounts of basis × factor. */
  multiply(amounts: Float64Array, start: number, size: number, factor: SplitFactor, divisor: number) {
    this.ensure(size);
    this.round(amounts, start, size, divisor, MULTIPLY, factor);
  }

  /** The same with a factor per item: entry `at` (row `start + at`) is for the item of its tuple's first line. */
  perItem(
    amounts: Float64Array,
    start: number,
    size: number,
    entryTuple: Int32Array,
    tupleStart: Int32Array,
    skuIds: Int32Array,
    factors: ItemFactors,
    divisor: number,
  ): void {
    this.ensure(size);
    for (let at = 0; at < size; at++) {
      this.items[at] = skuIds[tupleStart[entryTuple[start + at] as number] as number] as number;
    }
    this.itemFactors = factors;
    this.round(amounts, start, size, divisor, PER_ITEM, { whole: 0, rest: 0, divisor: 1, scale: 1 });
  }

  /**
   * Amounts of a pool amount `total` (1e-14) split over the bases as weights (their sum `weightSum`, not 0):
   * total = quotient × weightSum + rest, so share i = quotient × weight i + rest × weight i / weightSum. The
   * second part is first split exactly at 1e-14 by largest remainder (level one), then each share is carried
   * to minor units with `quotient` split at `divisor` into `quotientWhole` and `quotientRest`.
   */
  allocate(
    amounts: Float64Array,
    start: number,
    size: number,
    weightSum: number,
    quotientWhole: number,
    quotientRest: number,
    rest: number,
    divisor: number,
  ): void {
    this.ensure(size);
    const sign = weightSum < 0 ? -1 : 1;
    this.splitRest(amounts, start, size, rest, weightSum * sign, sign);
    // The weights' sign goes into the quotient: share i = quotient × sign × |weight i| + level one.
    const quotientOfWeights = { whole: quotientWhole * sign, rest: quotientRest * sign, divisor, scale: 1 };
    this.round(amounts, start, size, divisor, ALLOCATE, quotientOfWeights);
  }

  /** Level one of `allocate`: `rest` split over sign × the bases, out of `total`, by largest remainder. */
  private splitRest(
    amounts: Float64Array,
    start: number,
    size: number,
    rest: number,
    total: number,
    sign: number,
  ): void {
    const { floors, remainders, choice, levelOne } = this;
    let floorSum = 0;
    choice.reset(total);
    for (let at = 0; at < size; at++) {
      const floor = floorMulDiv(rest, (amounts[start + at] as number) * sign, total, remainders, at);
      floors[at] = floor;
      floorSum += floor;
      choice.count(remainders[at] as number);
    }
    choice.choose(remainders, size, rest - floorSum, this.select);
    for (let at = 0; at < size; at++) {
      levelOne[at] = (floors[at] as number) + choice.take(remainders[at] as number);
    }
  }

  /**
   * Forms every share (`mode` MULTIPLY: basis × factor; PER_ITEM: basis × its item's factor; ALLOCATE: basis
   * × factor (the quotient) plus its level-one part), sums the floors and remainders and counts the
   * remainders for the choice as it goes, then rounds the pool total half-even once and writes each amount:
   * its floor, plus one for the largest remainders until the amounts add up to that total.
   */
  private round(
    amounts: Float64Array,
    start: number,
    size: number,
    divisor: number,
    mode: number,
    factor: SplitFactor,
  ): void {
    const { floors, remainders, items, levelOne, choice, itemFactors } = this;
    const { whole, rest, scale } = factor;
    const reducedDivisor = factor.divisor;
    choice.reset(divisor);
    let wholeSum = 0;
    let carry = 0;
    let restSum = 0;
    for (let at = 0; at < size; at++) {
      const value = amounts[start + at] as number;
      let floor: number;
      if (mode === MULTIPLY) {
        floor = whole * value + floorMulDiv(rest, value, reducedDivisor, remainders, at);
        remainders[at] = (remainders[at] as number) * scale;
      } else if (mode === PER_ITEM) {
        const item = items[at] as number;
        const itemRest = itemFactors.rest[item] as number;
        const itemDivisor = itemFactors.divisor[item] as number;
        floor =
          (itemFactors.whole[item] as number) * value +
          floorMulDiv(itemRest, value, itemDivisor, remainders, at);
        remainders[at] = (remainders[at] as number) * (itemFactors.scale[item] as number);
      } else {
        floor = whole * value + floorMulDiv(rest, value, divisor, remainders, at);
        const below = (remainders[at] as number) + (levelOne[at] as number);
        floor += floorDivNumber(below, divisor, remainders, at);
      }
      floors[at] = floor;
      const remainder = remainders[at] as number;
      choice.count(remainder);
      wholeSum += floor;
      restSum += remainder;
      // Sixty-four remainders (each below divisor ≤ 1e14) add up exactly: fold whole units out after each run.
      if ((at & 63) === 63) {
        const below = restSum % divisor;
        carry += (restSum - below) / divisor;
        restSum = below;
      }
    }
    const below = restSum % divisor;
    carry += (restSum - below) / divisor;
    restSum = below;
    let total = wholeSum + carry;
    const half = divisor / 2;
    if (restSum > half || (restSum === half && total % 2 !== 0)) total += 1;
    choice.choose(remainders, size, total - wholeSum, this.select);
    for (let at = 0; at < size; at++) {
      amounts[start + at] = (floors[at] as number) + choice.take(remainders[at] as number);
    }
  }
}
