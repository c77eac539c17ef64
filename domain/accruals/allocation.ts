import { BusinessRuleError } from '../shared/errors';
import { floorDiv, powerOfTen, roundHalfEven } from '../shared/money/scaled-integer';

/**
 * Picks the indices that receive one extra unit: the `count` largest remainders, earlier index first on ties,
 * so that the result depends only on the order of the inputs, which callers keep sorted by a stable key.
 */
function indicesOfLargestRemainders(remainders: readonly bigint[], count: bigint): Set<number> {
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  return new Set(order.slice(0, Number(count)).map((item) => item.index));
}

/**
 * Splits the integer `total` over `weights` in proportion (largest-remainder method). The parts add up to
 * `total` exactly and each part is the floor or ceiling of its exact share. Weights may be negative (returns)
 * as long as they do not add up to zero while `total` is not zero.
 */
export function allocateLargestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  let weightSum = 0n;
  for (const weight of weights) weightSum += weight;
  if (weightSum === 0n) {
    if (total === 0n) return weights.map(() => 0n);
    throw new BusinessRuleError('cannot allocate a non-zero amount over weights that add up to zero');
  }
  // Normalizing to a positive denominator keeps every remainder in [0, weightSum).
  const sign = weightSum < 0n ? -1n : 1n;
  const denominator = weightSum * sign;
  const floors: bigint[] = [];
  const remainders: bigint[] = [];
  let allocated = 0n;
  for (const weight of weights) {
    const numerator = total * weight * sign;
    const floor = floorDiv(numerator, denominator);
    floors.push(floor);
    remainders.push(numerator - floor * denominator);
    allocated += floor;
  }
  const extra = indicesOfLargestRemainders(remainders, total - allocated);
  return floors.map((floor, index) => (extra.has(index) ? floor + 1n : floor));
}

/**
 * Rounds exact values (integers of 10^-fromDecimals) to 10^-toDecimals so that the rounded values add up to
 * the half-even rounding of the exact sum: rounding happens once, on the total, and the total is then spread
 * back by largest remainder. Each result is the floor or ceiling of its exact value.
 */
export function roundPreservingTotal(
  values: readonly bigint[],
  fromDecimals: number,
  toDecimals: number,
): { readonly rounded: bigint[]; readonly total: bigint } {
  const divisor = powerOfTen(fromDecimals - toDecimals);
  let exactSum = 0n;
  for (const value of values) exactSum += value;
  const total = roundHalfEven(exactSum, fromDecimals, toDecimals);
  const floors = values.map((value) => floorDiv(value, divisor));
  const remainders = values.map((value, index) => value - (floors[index] ?? 0n) * divisor);
  let floorSum = 0n;
  for (const floor of floors) floorSum += floor;
  // total − Σ floors lies in [0, number of non-zero remainders]: see the floor/ceiling argument above.
  const extra = indicesOfLargestRemainders(remainders, total - floorSum);
  return { rounded: floors.map((floor, index) => (extra.has(index) ? floor + 1n : floor)), total };
}
