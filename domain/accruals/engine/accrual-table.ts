import type { RebateProgram } from '../../programs/program';
import { currencyMinorUnits } from '../../shared/money/money';
import { parseScaled } from '../../shared/money/scaled-integer';
import type { RunPeriod } from '../measurement-window';
import { AccrualWorkspace } from './accrual-workspace';
import { accumulateEntries } from './accumulate-entries';
import { EntryRows } from './entry-rows';
import { LineRater } from './line-rating';
import { PoolRater, safeAmount } from './pool-rating';
import { PoolShares } from './pool-shares';
import { lumpSumWindow, type ProgramContext, programContext } from './program-context';
import { entryBound, LineSelection, linesPerDate, type SkippedLine } from './program-lines';
import type { SaleLineColumns } from './sale-line-columns';

export type { PoolScope, ProgramContext } from './program-context';
export type { SkippedLine } from './program-lines';

/**
 * The accrual entries of a run as columns, one row per entry, in key order (program, period, then the
 * entry's dimensions). An entry is a program × measurement window × entry tuple (partner, end customer,
 * bill-to, item, UoM, currency, and for SPIFs the salesperson); its dimensions are read from the tuple's
 * first line. A pool is a run of consecutive entries whose volume reaches a tier together; per-line programs
 * have no pool rows (each line is its own pool). Amounts are integers of the currency's minor unit.
 *
 * Nothing per line is stored: the lines behind an entry are the lines of its tuple (`tupleStart`) that pass
 * the program's filter and fall in its window, and `explainEntry` lists them and rebuilds the full trace.
 */
export interface AccrualTable {
  readonly columns: SaleLineColumns;
  readonly programs: readonly ProgramContext[];
  readonly entryCount: number;
  /** Where each program's rows start (ascending, one more than programs: the last is `entryCount`). */
  readonly programStart: Int32Array;
  /** Runs of rows of one program window, non-empty: where each starts (plus `entryCount`), and its window. */
  readonly segmentStart: Int32Array;
  readonly segmentWindow: Int32Array;
  /** Entry tuple (seller tuple for SPIFs); -1 for a lump sum. */
  readonly entryTuple: Int32Array;
  readonly entryAmount: Float64Array;
  /** Pools in row order: rows [poolStart, poolEnd) of each. Per-line programs and lump sums have none. */
  readonly poolCount: number;
  readonly poolStart: Int32Array;
  readonly poolEnd: Int32Array;
  /** The first line of the pool's partner (or partner-customer) run: where its current and baseline lines are. */
  readonly poolFirstLine: Int32Array;
  readonly skipped: readonly SkippedLine[];
  /** Pools rated by the BigInt path because a bound of the number path did not hold (0 in the usual case). */
  readonly bigIntPools: number;
}

/** The last of the first `count` ascending `starts` that is at most `row`, or -1. */
function runOf(starts: Int32Array, count: number, row: number): number {
  let low = 0;
  let high = count - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if ((starts[middle] as number) <= row) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** The program (index into `programs`) of row `entry`. */
export function entryProgram(table: AccrualTable, entry: number): number {
  return runOf(table.programStart, table.programs.length, entry);
}

/** The window (index into its program's windows) of row `entry`. */
export function entryWindow(table: AccrualTable, entry: number): number {
  return table.segmentWindow[runOf(table.segmentStart, table.segmentWindow.length, entry)] as number;
}

/** The pool of row `entry`, or -1 (per-line programs and lump sums). */
export function entryPool(table: AccrualTable, entry: number): number {
  const pool = runOf(table.poolStart, table.poolCount, entry);
  return pool >= 0 && entry < (table.poolEnd[pool] as number) ? pool : -1;
}

function addLumpSum(rows: EntryRows, context: ProgramContext): void {
  const { program } = context;
  const window = lumpSumWindow(context);
  if (program.terms.kind !== 'lumpSum' || window < 0) return;
  const entry = rows.entryCount++;
  rows.addSegment(window, entry, entry + 1);
  rows.entryTuple[entry] = -1;
  rows.entryAmount[entry] = safeAmount(
    parseScaled(program.terms.amount, currencyMinorUnits[program.currency]),
  );
}

/**
 * Computes the accrual table of the given active programs (sorted by id) over prepared lines: the engine's
 * core, with no per-line objects and no strings built per entry.
 *
 * Main course: compile each program against the columns → per program, select its lines (through the index
 * of items and categories), sum them into entry rows and rate each pool as soon as its lines are read. The
 * rows have room for every program's `entryBound`: its candidate lines dated in its windows (a lump sum has
 * one).
 * A long-lived `workspace` lends the rows and scratch buffers (see `AccrualWorkspace`); by default the run
 * has its own.
 */
export function buildAccrualTable(
  columns: SaleLineColumns,
  programs: readonly RebateProgram[],
  period: RunPeriod,
  workspace = new AccrualWorkspace(),
): AccrualTable {
  workspace.claim();
  try {
    return fillAccrualTable(columns, programs, period, workspace);
  } catch (error) {
    // A failed run leaves no table behind: the workspace is free for the next one.
    workspace.release();
    throw error;
  }
}

function fillAccrualTable(
  columns: SaleLineColumns,
  programs: readonly RebateProgram[],
  period: RunPeriod,
  workspace: AccrualWorkspace,
): AccrualTable {
  const contexts = programs.map((program) => programContext(columns, program, period));
  const selection = new LineSelection(columns, workspace);
  // Lines per date, once per date column the programs use (usually one: the invoice date).
  const perDate = new Map<Int32Array, Int32Array>();
  const capacity = contexts.reduce((sum, context) => {
    const { filter, dates, windowOfDate } = context;
    if (filter === null || dates === null || windowOfDate === null) return sum + 1;
    let counts = perDate.get(dates);
    if (counts === undefined) {
      counts = linesPerDate(dates, windowOfDate.length);
      perDate.set(dates, counts);
    }
    return sum + entryBound(columns, filter, windowOfDate, counts);
  }, 0);
  const rows = new EntryRows(capacity, columns.wide, workspace);
  const shares = new PoolShares();
  const skipped: SkippedLine[] = [];
  let bigIntPools = 0;
  for (const context of contexts) {
    rows.startProgram();
    const { plan } = context;
    if (plan === null) {
      addLumpSum(rows, context);
      continue;
    }
    const minorUnits = currencyMinorUnits[context.program.currency];
    const rater =
      context.scope === 'line' ? null : new PoolRater(columns, rows, shares, context, plan, minorUnits);
    const count = selection.select(context, skipped);
    accumulateEntries(
      columns,
      {
        context,
        selection,
        count,
        rater: rater ?? new LineRater(columns, context, plan, minorUnits),
      },
      rows,
    );
    bigIntPools += rater?.bigIntPools ?? 0;
  }
  skipped.sort((a, b) =>
    a.programId === b.programId ? (a.lineId < b.lineId ? -1 : 1) : a.programId < b.programId ? -1 : 1,
  );
  return { columns, programs: contexts, ...rows.finish(), skipped, bigIntPools };
}
