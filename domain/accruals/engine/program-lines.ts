import type { AccrualWorkspace } from './accrual-workspace';
import type { ColumnFilter } from './column-eligibility';
import { acceptedLineCount, markAcceptedLines, markedLines } from './line-postings';
import type { ProgramContext } from './program-context';
import type { SaleLineColumns } from './sale-line-columns';

/** An eligible line the run could not accrue, with the reason (mixed currencies are never converted here). */
export interface SkippedLine {
  readonly programId: string;
  readonly lineId: string;
  readonly reason: 'currency-mismatch';
}

/**
 * Above this share of the run's lines, reading a program's postings costs more than testing every line
 * (setting and walking the bits is a few array writes per line).
 */
const indexedShare = 0.5;

/** The lines the index leaves to test for a program: at least as many as it can select. */
function candidateCount(columns: SaleLineColumns, filter: ColumnFilter): number {
  const viaSku = acceptedLineCount(columns.bySku, filter.sku);
  const viaCategory = acceptedLineCount(columns.byCategory, filter.category);
  const fewest = Math.min(viaSku, viaCategory);
  return fewest > columns.count * indexedShare ? columns.count : fewest;
}

/**
 * How many lines each value of a date column has: with a program's window of each date, how many lines
 * fall in its windows.
 */
export function linesPerDate(dates: Int32Array, distinct: number): Int32Array {
  const counts = new Int32Array(distinct);
  for (let at = 0; at < dates.length; at++)
    counts[dates[at] as number] = (counts[dates[at] as number] as number) + 1;
  return counts;
}

/**
 * A bound on a program's entries: each comes from a candidate line dated in one of its windows (baseline
 * lines only add to tiers), so the fewer of its candidates and of the run's lines in its windows. Fresh
 * rows cost twice (mapped pages, and external memory that makes V8 mark the heap), so a cold run allocates
 * no more than this.
 */
export function entryBound(
  columns: SaleLineColumns,
  filter: ColumnFilter,
  windowOfDate: Int16Array,
  perDate: Int32Array,
): number {
  let dated = 0;
  for (let date = 0; date < windowOfDate.length; date++) {
    if ((windowOfDate[date] as number) >= 0) dated += perDate[date] as number;
  }
  return Math.min(candidateCount(columns, filter), dated);
}

/** Candidates read from postings, and the filter that is left to test on them. */
interface Candidates {
  readonly lines: Int32Array | null;
  readonly filter: ColumnFilter;
}

/**
 * The lines worth testing for a program, ascending, when the items or the categories it covers have few
 * lines: the union of their postings (disjoint, so a bitset of a bit per line merges them in line order),
 * written to `into`; null when testing every line is cheaper. Lines read from the postings of accepted items
 * (or categories) pass the item (or category) test, which the returned filter skips.
 */
export function indexedCandidates(
  columns: SaleLineColumns,
  filter: ColumnFilter,
  bits: Int32Array,
  into: Int32Array,
): Candidates {
  const { bySku, byCategory, count } = columns;
  const viaSku = acceptedLineCount(bySku, filter.sku);
  const viaCategory = acceptedLineCount(byCategory, filter.category);
  const bySkus = viaSku <= viaCategory;
  if ((bySkus ? viaSku : viaCategory) > count * indexedShare) return { lines: null, filter };
  bits.fill(0);
  markAcceptedLines(bySkus ? bySku : byCategory, bySkus ? filter.sku : filter.category, bits);
  return {
    lines: into.subarray(0, markedLines(bits, into)),
    filter: filter.assuming(bySkus ? 'sku' : 'category'),
  };
}

/**
 * Finds the lines a program reads: those that pass its eligibility, fall in one of its windows (or a growth
 * baseline) and are in its currency. Only the lines of the items or the categories a program covers are
 * tested when they are few (the postings of `SaleLineColumns`); which lines are tested never changes which
 * are selected, since every candidate goes through the same full test. The buffers are the run's scratch,
 * reused by every program.
 */
export class LineSelection {
  /** The lines of the last selection, in column order (ascending), and the window of each (or -1). */
  readonly lines: Int32Array;
  readonly windows: Int16Array;
  /** The window each line is a growth baseline of, or -1 (growth programs only; stale for others). */
  readonly baselineWindows: Int16Array;
  /** A bit per line of the run, set for the candidates read from postings. */
  private readonly bits: Int32Array;

  constructor(
    private readonly columns: SaleLineColumns,
    workspace: AccrualWorkspace,
  ) {
    this.lines = workspace.int32('selectedLines', columns.count);
    this.windows = workspace.int16('selectedWindows', columns.count);
    this.baselineWindows = workspace.int16('selectedBaselineWindows', columns.count);
    this.bits = workspace.int32('candidateBits', Math.ceil(columns.count / 32));
  }

  /**
   * Selects the lines of `context` (not a lump sum) into `lines` and returns how many. An otherwise eligible
   * line in another currency is left out and reported to `skipped`.
   */
  select(context: ProgramContext, skipped: SkippedLine[]): number {
    const columns = this.columns;
    // Candidates go to `lines` too: the selected lines overwrite them behind the reading position.
    const candidates = indexedCandidates(columns, context.filter as ColumnFilter, this.bits, this.lines);
    const { filter } = candidates;
    const dates = context.dates as Int32Array;
    const windowOfDate = context.windowOfDate as Int16Array;
    const baselineOfDate = context.baselineWindowOfDate;
    const currencyIds = columns.currency.ids;
    const currencies = columns.currency.values;
    const programCurrency = currencies.indexOf(context.program.currency);
    const oneCurrency = currencies.length === 1 && programCurrency === 0;
    const candidateLines = candidates.lines;
    const total = candidateLines === null ? columns.count : candidateLines.length;
    const { lines, windows, baselineWindows } = this;
    let count = 0;
    for (let at = 0; at < total; at++) {
      const line = candidateLines === null ? at : (candidateLines[at] as number);
      const date = dates[line] as number;
      const window = windowOfDate[date] as number;
      const baselineWindow = baselineOfDate === null ? -1 : (baselineOfDate[date] as number);
      if (window === -1 && baselineWindow === -1) continue;
      if (!filter.passes(line)) continue;
      if (!oneCurrency && currencyIds[line] !== programCurrency) {
        skipped.push({
          programId: context.program.programId,
          lineId: columns.line(line).lineId,
          reason: 'currency-mismatch',
        });
        continue;
      }
      lines[count] = line;
      windows[count] = window;
      if (baselineOfDate !== null) baselineWindows[count] = baselineWindow;
      count++;
    }
    return count;
  }
}
