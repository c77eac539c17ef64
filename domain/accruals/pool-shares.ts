import { floorDivNumber, floorMulDiv, LargestChoice } from './exact-number';

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
  /** Per entry: its item (SPIFs), or the level-one part of its allocated share. */
  private items = new Int32Array(0);
  private levelOne = new Float64Array(0);
  /** The factors of the items, split like a single factor (set by `perItem`). */
  private wholeByItem: Float64Array = new Float64Array(0);
  private restByItem: Float64Array = new Float64Array(0);
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

  /** Amounts of basis × factor, the factor split into whole minor units per basis unit and the rest. */
  multiply(amounts: Float64Array, start: number, size: number, whole: number, rest: number, divisor: number) {
    this.ensure(size);
    this.round(amounts, start, size, divisor, MULTIPLY, whole, rest, 1);
  }

  /**
   * The same with a factor per item: entry `at` (row `start + at`) is for the item of its tuple's first line,
   * whose factor is split into `wholeByItem` and `restByItem`.
   */
  perItem(
    amounts: Float64Array,
    start: number,
    size: number,
    entryTuple: Int32Array,
    tupleStart: Int32Array,
    skuIds: Int32Array,
    factors: { readonly whole: Float64Array; readonly rest: Float64Array },
    divisor: number,
  ): void {
    this.ensure(size);
    for (let at = 0; at < size; at++) {
      this.items[at] = skuIds[tupleStart[entryTuple[start + at] as number] as number] as number;
    }
    this.wholeByItem = factors.whole;
    this.restByItem = factors.rest;
    this.round(amounts, start, size, divisor, PER_ITEM, 0, 0, 1);
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
    const { floors, remainders, choice, levelOne } = this;
    const sign = weightSum < 0 ? -1 : 1;
    const total = weightSum * sign;
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
    this.round(amounts, start, size, divisor, ALLOCATE, quotientWhole, quotientRest, sign);
  }

  /**
   * Forms every share (`mode` MULTIPLY: basis × (whole, rest); PER_ITEM: basis × the item's factor; ALLOCATE:
   * sign × basis × (whole, rest) of the quotient plus the level-one part), sums the floors and remainders and
   * counts the remainders for the choice as it goes, then rounds the pool total half-even once and writes
   * each amount: its floor, plus one for the largest remainders until the amounts add up to that total.
   */
  private round(
    amounts: Float64Array,
    start: number,
    size: number,
    divisor: number,
    mode: number,
    whole: number,
    rest: number,
    sign: number,
  ): void {
    const { floors, remainders, items, levelOne, wholeByItem, restByItem, choice } = this;
    choice.reset(divisor);
    let wholeSum = 0;
    let carry = 0;
    let restSum = 0;
    for (let at = 0; at < size; at++) {
      const value = amounts[start + at] as number;
      let floor: number;
      if (mode === MULTIPLY) {
        floor = whole * value + floorMulDiv(rest, value, divisor, remainders, at);
      } else if (mode === PER_ITEM) {
        const item = items[at] as number;
        const itemRest = restByItem[item] as number;
        floor = (wholeByItem[item] as number) * value + floorMulDiv(itemRest, value, divisor, remainders, at);
      } else {
        const weight = value * sign;
        floor = whole * weight + floorMulDiv(rest, weight, divisor, remainders, at);
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
