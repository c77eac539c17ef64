/**
 * The rows of an accrual table while a run computes them. The entry columns have room for every program's
 * candidate lines (see `candidateCount`), more than its entries: a run allocates them once, and room never
 * written costs no memory pages. While a pool's lines are summed, `entryAmount` holds each entry's rated
 * basis (whole units when the columns are wide, the micro-units going to `basisMicros`); rating the pool
 * replaces it with the amount in minor units. Pools are few and kept in growable lists.
 */
export class EntryRows {
  readonly entryProgram: Int32Array;
  readonly entryWindow: Int32Array;
  readonly entryTuple: Int32Array;
  readonly entryPool: Int32Array;
  readonly entryAmount: Float64Array;
  readonly basisMicros: Float64Array | null;
  /** Rows in use: a program appends its entries after them. */
  entryCount = 0;
  private readonly poolStart: number[] = [];
  private readonly poolEnd: number[] = [];
  private readonly poolFirstLine: number[] = [];

  constructor(capacity: number, wide: boolean) {
    this.entryProgram = new Int32Array(capacity);
    this.entryWindow = new Int32Array(capacity);
    this.entryTuple = new Int32Array(capacity);
    this.entryPool = new Int32Array(capacity);
    this.entryAmount = new Float64Array(capacity);
    this.basisMicros = wide ? new Float64Array(capacity) : null;
  }

  /** Moves `size` rated entries (tuples and amounts) from row `from` to row `to`, before it. */
  moveEntries(from: number, size: number, to: number): void {
    this.entryTuple.copyWithin(to, from, from + size);
    this.entryAmount.copyWithin(to, from, from + size);
  }

  /** Adds a pool row over entries [start, end) and marks them with it. */
  addPool(start: number, end: number, firstLine: number): void {
    this.entryPool.fill(this.poolStart.length, start, end);
    this.poolStart.push(start);
    this.poolEnd.push(end);
    this.poolFirstLine.push(firstLine);
  }

  /** The columns of the table: exactly as many rows as entries and pools. */
  finish() {
    const entries = this.entryCount;
    return {
      entryCount: entries,
      entryProgram: this.entryProgram.subarray(0, entries),
      entryWindow: this.entryWindow.subarray(0, entries),
      entryTuple: this.entryTuple.subarray(0, entries),
      entryPool: this.entryPool.subarray(0, entries),
      entryAmount: this.entryAmount.subarray(0, entries),
      poolCount: this.poolStart.length,
      poolStart: Int32Array.from(this.poolStart),
      poolEnd: Int32Array.from(this.poolEnd),
      poolFirstLine: Int32Array.from(this.poolFirstLine),
    };
  }
}
