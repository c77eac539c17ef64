import type { EntryRows } from './entry-rows';
import { LineRater } from './line-rating';
import {
  POOL_BASELINE_TIER,
  POOL_MICROS,
  POOL_RATED,
  POOL_RATED_MAGNITUDE,
  POOL_SUMS,
  POOL_TIER,
  type PoolRater,
} from './pool-rating';
import type { ProgramContext } from './program-context';
import type { LineSelection } from './program-lines';
import type { SaleLineColumns } from './sale-line-columns';

/** What `accumulateEntries` needs of one program besides the columns and the rows. */
export interface ProgramPass {
  readonly context: ProgramContext;
  /** The program's selected lines and how many. */
  readonly selection: LineSelection;
  readonly count: number;
  /** How its lines are rated: pools by a `PoolRater`, or (per-line programs) each line by a `LineRater`. */
  readonly rater: PoolRater | LineRater;
}

/**
 * The pools of the current pool key, one per window: open from a window's first entry of the key until the
 * key changes, when all of them are complete and rated at once. Rated pools wait in `done` until the
 * program's entries have their final rows.
 */
class OpenPools {
  readonly pool: Int32Array;
  /** The first line of the key that touched each window (current or baseline): the pool's holder. */
  readonly firstLine: Int32Array;
  readonly sums: Float64Array;
  /** Window, first entry, end and holder line of each rated pool, four numbers a pool. */
  readonly done: number[] = [];

  constructor(readonly windowCount: number) {
    this.pool = new Int32Array(windowCount).fill(-1);
    this.firstLine = new Int32Array(windowCount).fill(-1);
    this.sums = new Float64Array(windowCount * POOL_SUMS);
  }

  /** Opens the pool of `window` at entry `entry`. */
  open(window: number, entry: number): void {
    this.pool[window] = entry;
  }

  /** Ends and rates every open pool (their entries end at `nextEntry[window]`), and forgets the key. */
  close(nextEntry: Int32Array, rater: PoolRater): void {
    for (let window = 0; window < this.windowCount; window++) {
      const start = this.pool[window] as number;
      if (start >= 0) {
        const end = nextEntry[window] as number;
        const firstLine = this.firstLine[window] as number;
        rater.rate(start, end, firstLine, this.sums, window * POOL_SUMS);
        this.done.push(window, start, end, firstLine);
      }
      this.pool[window] = -1;
      this.firstLine[window] = -1;
    }
    this.sums.fill(0);
  }
}

/**
 * The hot loop: one pass over a program's selected lines, summing each line into its entry and pool with
 * number additions (exact: see `SaleLineColumns`). Lines are sorted by entry tuple and pool key, so an entry
 * or pool is found by comparing with the window's current one, never by hashing; once the pool key changes,
 * the pools of the previous key are complete and are rated at once. Per-line programs rate each line here
 * instead. Entries come out by window, then by tuple: each window writes to its own segment of rows, as
 * long as its selected lines (which bound its entries), and the segments are then closed up.
 */
export function accumulateEntries(columns: SaleLineColumns, pass: ProgramPass, rows: EntryRows): void {
  const { context, selection, count, rater } = pass;
  const { lines, windows, baselineWindows } = selection;
  const windowCount = context.windows.length;
  const segmentStart = windowSegments(windows, count, windowCount, rows.entryCount);
  const nextEntry = segmentStart.slice(0, windowCount);
  const currentTuple = new Int32Array(windowCount).fill(-1);
  const currentEntry = new Int32Array(windowCount);
  const open = new OpenPools(windowCount);
  const { pool: openPool, firstLine, sums } = open;
  const lineRater = rater instanceof LineRater ? rater : null;
  const poolRater = rater instanceof LineRater ? null : rater;
  const tuples = context.perSalesperson ? columns.sellerTuple : columns.tuple;
  const poolKeys = context.scope === 'customer' ? columns.partnerCustomer : columns.partner.ids;
  const { wide } = columns;
  // A per-line program rates its lines itself: its rated column is never read.
  const rated = poolRater?.ratedColumn ?? columns.quantity;
  const ratedMicros = poolRater?.ratedMicros as Float64Array;
  const tiers = poolRater?.tierColumn ?? null;
  const tierMicros = poolRater?.tierMicros as Float64Array;
  const { entryTuple, entryAmount } = rows;
  const basisMicros = rows.basisMicros as Float64Array;
  const wideBasis = wide && poolRater !== null;
  // Only growth programs, which have tiers, measure a baseline.
  const measuresBaseline = context.baselineWindowOfDate !== null;
  let key = -1;
  for (let at = 0; at < count; at++) {
    const line = lines[at] as number;
    const window = windows[at] as number;
    const lineKey = poolKeys[line] as number;
    if (lineKey !== key) {
      if (poolRater !== null) open.close(nextEntry, poolRater);
      currentTuple.fill(-1);
      key = lineKey;
    }
    if (window >= 0) {
      if (firstLine[window] === -1) firstLine[window] = line;
      const tuple = tuples[line] as number;
      const amount = lineRater === null ? (rated[line] as number) : lineRater.rate(line);
      let entry = currentEntry[window] as number;
      if (currentTuple[window] !== tuple) {
        entry = nextEntry[window] as number;
        nextEntry[window] = entry + 1;
        entryTuple[entry] = tuple;
        // Written, not added to: a fresh page read before its first write faults twice.
        entryAmount[entry] = amount;
        if (wideBasis) basisMicros[entry] = ratedMicros[line] as number;
        currentTuple[window] = tuple;
        currentEntry[window] = entry;
        if (poolRater !== null && openPool[window] === -1) open.open(window, entry);
      } else {
        entryAmount[entry] = (entryAmount[entry] as number) + amount;
        if (wideBasis) basisMicros[entry] = (basisMicros[entry] as number) + (ratedMicros[line] as number);
      }
      if (poolRater !== null) {
        const offset = window * POOL_SUMS;
        const tier = tiers === null ? 0 : tiers === rated ? amount : (tiers[line] as number);
        sums[offset + POOL_TIER] = (sums[offset + POOL_TIER] as number) + tier;
        sums[offset + POOL_RATED] = (sums[offset + POOL_RATED] as number) + amount;
        sums[offset + POOL_RATED_MAGNITUDE] =
          (sums[offset + POOL_RATED_MAGNITUDE] as number) + Math.abs(amount);
        if (wide) {
          const micros = offset + POOL_MICROS;
          sums[micros + POOL_TIER] = (sums[micros + POOL_TIER] as number) + (tierMicros?.[line] ?? 0);
          sums[micros + POOL_RATED] = (sums[micros + POOL_RATED] as number) + (ratedMicros[line] as number);
        }
      }
    }
    const baselineWindow = measuresBaseline ? (baselineWindows[at] as number) : -1;
    if (baselineWindow >= 0 && tiers !== null) {
      if (firstLine[baselineWindow] === -1) firstLine[baselineWindow] = line;
      const offset = baselineWindow * POOL_SUMS + POOL_BASELINE_TIER;
      sums[offset] = (sums[offset] as number) + (tiers[line] as number);
      if (wide)
        sums[offset + POOL_MICROS] = (sums[offset + POOL_MICROS] as number) + (tierMicros[line] as number);
    }
  }
  if (poolRater !== null) open.close(nextEntry, poolRater);
  finishProgram(rows, segmentStart, nextEntry, poolRater === null ? null : open.done);
}

/**
 * Where each window's segment of rows starts (from row `first`), and where the last ends: a window has room
 * for as many entries as it has selected lines. Apart from the hot loop, so that the loop is the first one
 * of its function (the engine compiles a long first loop on the fly, and code after it meets it cold).
 */
function windowSegments(windows: Int16Array, count: number, windowCount: number, first: number): Int32Array {
  const segmentStart = new Int32Array(windowCount + 1);
  for (let at = 0; at < count; at++) {
    const window = windows[at] as number;
    if (window >= 0) segmentStart[window + 1] = (segmentStart[window + 1] as number) + 1;
  }
  segmentStart[0] = first;
  for (let window = 0; window < windowCount; window++) {
    segmentStart[window + 1] = (segmentStart[window + 1] as number) + (segmentStart[window] as number);
  }
  return segmentStart;
}

/**
 * Closes up a program's window segments into consecutive rows and records them, then adds its pools (by
 * window, then first entry), which keeps segments and pools in row order.
 */
function finishProgram(
  rows: EntryRows,
  segmentStart: Int32Array,
  segmentEnd: Int32Array,
  pools: readonly number[] | null,
): void {
  const windowCount = segmentEnd.length;
  const shift = new Int32Array(windowCount);
  let end = rows.entryCount;
  for (let window = 0; window < windowCount; window++) {
    const start = segmentStart[window] as number;
    const size = (segmentEnd[window] as number) - start;
    if (end !== start) rows.moveEntries(start, size, end);
    shift[window] = end - start;
    rows.addSegment(window, end, end + size);
    end += size;
  }
  if (pools !== null) {
    for (let window = 0; window < windowCount; window++) {
      for (let at = 0; at < pools.length; at += 4) {
        if (pools[at] !== window) continue;
        const moved = shift[window] as number;
        rows.addPool(
          (pools[at + 1] as number) + moved,
          (pools[at + 2] as number) + moved,
          pools[at + 3] as number,
        );
      }
    }
  }
  rows.entryCount = end;
}
