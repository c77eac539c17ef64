/**
 * Lines grouped by the value of one column: `lines[start[id]]` up to `lines[start[id + 1] - 1]` are the lines
 * whose id is `id`, in the order they were given. The postings by item and by category are the engine's
 * index: a program that covers a few items or categories reads their lines instead of every line of the run.
 */
export interface LinePostings {
  readonly start: Int32Array;
  readonly lines: Int32Array;
}

/**
 * Stable counting sort: places `items[at]` (or `at` itself when `items` is null) for every position `at` of
 * `keys` into `into`, grouped by `keys[at]` in [0, range). Returns where each key's group starts, and the
 * total after the last.
 */
export function countingSort(
  keys: Int32Array,
  range: number,
  items: Int32Array | null,
  into: Int32Array,
): Int32Array {
  const start = new Int32Array(range + 1);
  for (let at = 0; at < keys.length; at++) (start[(keys[at] as number) + 1] as number)++;
  for (let key = 0; key < range; key++) start[key + 1] = (start[key + 1] as number) + (start[key] as number);
  const next = start.slice(0, range);
  for (let at = 0; at < keys.length; at++) {
    const key = keys[at] as number;
    const to = next[key] as number;
    into[to] = items === null ? at : (items[at] as number);
    next[key] = to + 1;
  }
  return start;
}

/**
 * The postings of a column of ids in [0, range): every line, grouped by its id, ascending in each group,
 * written to `lines` (one element per key).
 */
export function groupLines(keys: Int32Array, range: number, lines: Int32Array): LinePostings {
  return { start: countingSort(keys, range, null, lines), lines };
}

/** How many lines have one of the ids that `accepts` marks with 1. */
export function acceptedLineCount(postings: LinePostings, accepts: Uint8Array): number {
  let count = 0;
  for (let id = 0; id < accepts.length; id++) {
    if (accepts[id] === 1) count += (postings.start[id + 1] as number) - (postings.start[id] as number);
  }
  return count;
}

/** Sets the bit of every line whose id `accepts` marks with 1 (`bits` holds a bit per line, 32 a word). */
export function markAcceptedLines(postings: LinePostings, accepts: Uint8Array, bits: Int32Array): void {
  const { start, lines } = postings;
  for (let id = 0; id < accepts.length; id++) {
    if (accepts[id] !== 1) continue;
    const end = start[id + 1] as number;
    for (let at = start[id] as number; at < end; at++) {
      const line = lines[at] as number;
      bits[line >>> 5] = (bits[line >>> 5] as number) | (1 << (line & 31));
    }
  }
}

/** Writes the lines whose bit is set to `into`, ascending; returns how many. */
export function markedLines(bits: Int32Array, into: Int32Array): number {
  let count = 0;
  for (let word = 0; word < bits.length; word++) {
    let remaining = bits[word] as number;
    while (remaining !== 0) {
      const lowest = remaining & -remaining;
      into[count++] = (word << 5) | (31 - Math.clz32(lowest));
      remaining ^= lowest;
    }
  }
  return count;
}
