import type { AccrualWorkspace } from './accrual-workspace';
import { countingSort } from './line-postings';
import type { StringColumn } from './string-column';

/** The largest range of one counting-sort pass: its counts stay in a core's cache. */
const passRange = 1 << 16;

/**
 * The permutation that sorts lines by `keys`, most significant first: a least-significant-digit radix sort
 * with one stable counting sort per group of adjacent keys whose ranges multiply to at most `passRange`,
 * combined into one number, so keys of small ranges (UoM, currency) cost no pass of their own. Each pass
 * gathers its keys in the current order once; counting and placing then read them in sequence.
 */
export function sortByKeys(
  keys: readonly StringColumn[],
  count: number,
  workspace: AccrualWorkspace,
): Int32Array {
  const ranges = keys.map((key) => Math.max(key.values.length, 1));
  let order = workspace.int32('order', count);
  for (let line = 0; line < count; line++) order[line] = line;
  let placed = workspace.int32('orderPlaced', count);
  const digits = workspace.int32('orderDigits', count);
  let last = keys.length - 1;
  while (last >= 0) {
    let first = last;
    let range = ranges[last] as number;
    while (first > 0 && range * (ranges[first - 1] as number) <= passRange) {
      first--;
      range *= ranges[first] as number;
    }
    for (let at = 0; at < count; at++) {
      const line = order[at] as number;
      let digit = 0;
      for (let key = first; key <= last; key++) {
        digit = digit * (ranges[key] as number) + ((keys[key] as StringColumn).ids[line] as number);
      }
      digits[at] = digit;
    }
    countingSort(digits, range, order, placed);
    [order, placed] = [placed, order];
    last = first - 1;
  }
  return order;
}
