import type { AccrualWorkspace } from './accrual-workspace';

/**
 * The rows of an accrual table while a run computes them. Per entry only its tuple and amount are stored;
 * which program, window and pool an entry belongs to are runs of consecutive rows, kept as lists of where
 * each run starts. The entry columns have room for every program's `entryBound` (its candidate lines
 * dated in its windows), at least its entries. While a pool's lines are summed, `entryAmount` holds each entry's rated basis
 * (whole units when the columns are wide, the micro-units going to `basisMicros`); rating the pool replaces
 * it with the amount in minor units.
 */
export class EntryRows {
  readonly entryTuple: Int32Array;
  readonly entryAmount: Float64Array;
  readonly basisMicros: Float64Array | null;
  /** Rows in use: a program appends its entries after them. */
  entryCount = 0;
  private readonly programStart: number[] = [];
  private readonly segmentStart: number[] = [];
  private readonly segmentWindow: number[] = [];
  private readonly poolStart: number[] = [];
  private readonly poolEnd: number[] = [];
  private readonly poolFirstLine: number[] = [];

  constructor(capacity: number, wide: boolean, workspace: AccrualWorkspace) {
    this.entryTuple = workspace.int32('entryTuple', capacity);
    this.entryAmount = workspace.float64('entryAmount', capacity);
    this.basisMicros = wide ? workspace.float64('basisMicros', capacity) : null;
  }

  /** Starts the rows of the next program (programs come in table order). */
  startProgram(): void {
    this.programStart.push(this.entryCount);
  }

  /** Records that rows [start, end) are entries of window `window` of the current program. */
  addSegment(window: number, start: number, end: number): void {
    if (end === start) return;
    this.segmentStart.push(start);
    this.segmentWindow.push(window);
  }

  /** Moves `size` rated entries (tuples and amounts) from row `from` to row `to`, before it. */
  moveEntries(from: number, size: number, to: number): void {
    this.entryTuple.copyWithin(to, from, from + size);
    this.entryAmount.copyWithin(to, from, from + size);
  }

  /** Adds a pool row over entries [start, end) (pools come in row order). */
  addPool(start: number, end: number, firstLine: number): void {
    this.poolStart.push(start);
    this.poolEnd.push(end);
    this.poolFirstLine.push(firstLine);
  }

  /** The columns of the table: exactly as many rows as entries, segments and pools. */
  finish() {
    const entries = this.entryCount;
    return {
      entryCount: entries,
      programStart: Int32Array.from([...this.programStart, entries]),
      segmentStart: Int32Array.from([...this.segmentStart, entries]),
      segmentWindow: Int32Array.from(this.segmentWindow),
      entryTuple: this.entryTuple.subarray(0, entries),
      entryAmount: this.entryAmount.subarray(0, entries),
      poolCount: this.poolStart.length,
      poolStart: Int32Array.from(this.poolStart),
      poolEnd: Int32Array.from(this.poolEnd),
      poolFirstLine: Int32Array.from(this.poolFirstLine),
    };
  }
}
