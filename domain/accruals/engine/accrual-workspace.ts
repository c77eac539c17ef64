type TypedArray = Int16Array | Int32Array | Float64Array;

/**
 * Memory a caller keeps across runs, so that a run writes its rows and scratch into buffers it already owns.
 * Why: a run over a million lines needs ~100 MB of them, and fresh buffers cost twice: every page faults on
 * first touch, and the external memory they add makes V8 mark the whole heap (the run's line objects
 * included) before the run ends. A warm Lambda container keeps one workspace, as a database keeps its
 * buffer pool.
 *
 * A table built in a workspace shares its buffers (its prepared lines too), so it is valid until the
 * workspace is used again: `claim` (by the builder) throws while an earlier claim is not `release`d by the
 * caller, and so does preparing lines. A workspace made for a single run (the default) is simply dropped
 * with its table.
 */
export class AccrualWorkspace {
  private readonly buffers = new Map<string, TypedArray>();
  private claimed = false;

  /** Marks the workspace in use by a new run; throws if the previous run's table was not released. */
  claim(): void {
    this.checkFree();
    this.claimed = true;
  }

  /** Throws if a table built here is still in use (preparing a run's lines writes into its buffers). */
  checkFree(): void {
    if (this.claimed) {
      throw new Error('accrual workspace in use: release the previous table before building another');
    }
  }

  /** Ends the use of the last table built here: its buffers may be overwritten by the next run. */
  release(): void {
    this.claimed = false;
  }

  /** A buffer of `length` elements, named by its role; its contents are whatever the last run left. */
  int16(role: string, length: number): Int16Array {
    return this.buffer(role, length, (size) => new Int16Array(size));
  }

  int32(role: string, length: number): Int32Array {
    return this.buffer(role, length, (size) => new Int32Array(size));
  }

  float64(role: string, length: number): Float64Array {
    return this.buffer(role, length, (size) => new Float64Array(size));
  }

  private buffer<T extends TypedArray>(role: string, length: number, create: (size: number) => T): T {
    let buffer = this.buffers.get(role) as T | undefined;
    if (buffer === undefined || buffer.length < length) {
      buffer = create(length);
      this.buffers.set(role, buffer);
    }
    return buffer.subarray(0, length) as T;
  }
}
