import type { RebateProgram } from '../../programs/program';
import { BusinessRuleError, ValidationError } from '../../shared/errors';
import { canonicalJson, fnv1a64 } from '../../shared/fingerprint';
import type { AccrualAmount, AccrualEntry } from '../accrual-entry';
import { measurementWindows, type RunPeriod } from '../measurement-window';
import type { SaleLine } from '../sale-line';
import { type AccrualTable, buildAccrualTable, entryProgram, type SkippedLine } from './accrual-table';
import { AccrualWorkspace } from './accrual-workspace';
import { AccrualExplainer } from './explain-entry';
import { prepareSaleLines } from './sale-line-columns';

// The engine's one door: what the rest of ChRM may use of it is exported here.
export type { SkippedLine } from './accrual-table';
export { AccrualWorkspace } from './accrual-workspace';
export { fingerprintLines } from './line-set-fingerprint';

/** Input of one accrual run: the lines it may read, the program versions, and the run's date range. */
export interface ComputeAccrualsInput {
  readonly lines: readonly SaleLine[];
  readonly programs: readonly RebateProgram[];
  readonly period: RunPeriod;
}

/** A program period a run recomputed: posted entries of these periods are what its result replaces. */
export interface AccrualScope {
  readonly programId: string;
  readonly programVersion: number;
  readonly period: string;
  readonly from: string;
  readonly to: string;
}

/** The result of a run: entries sorted by key, the scopes recomputed, skipped lines and input fingerprints. */
export interface AccrualRun<Entry extends AccrualAmount = AccrualEntry> {
  readonly entries: readonly Entry[];
  readonly scopes: readonly AccrualScope[];
  readonly skipped: readonly SkippedLine[];
  readonly lineSetFingerprint: string;
  readonly inputFingerprint: string;
}

/**
 * The same run with its entries as a columnar table (`AccrualTable`): what the engine computes before any
 * entry object or string exists. `AccrualExplainer` turns any row into a full `AccrualEntry` with its trace.
 */
export interface AccrualTableRun {
  readonly table: AccrualTable;
  readonly scopes: readonly AccrualScope[];
  readonly skipped: readonly SkippedLine[];
  readonly lineSetFingerprint: string;
  readonly inputFingerprint: string;
}

function activePrograms(programs: readonly RebateProgram[]): RebateProgram[] {
  const active = programs.filter((program) => program.status === 'active');
  const ids = new Set<string>();
  for (const program of active) {
    // Two active versions of one program would accrue twice under the same keys.
    if (ids.has(program.programId)) {
      throw new BusinessRuleError(
        `program '${program.programId}' has more than one active version in the run`,
      );
    }
    ids.add(program.programId);
  }
  return active.sort((a, b) => (a.programId < b.programId ? -1 : a.programId > b.programId ? 1 : 0));
}

/**
 * Computes the accruals of every active program for every program period that overlaps the run period,
 * period-to-date, as a columnar table. Pure and deterministic: the same lines (in any order), programs and
 * period give the same table.
 *
 * Main course: parse each line once into integers of 1e-6 and ranked key ids, sorted by entry key, with an
 * index of the lines of each item and category → per program, select the lines it reads (only those of its
 * items or categories when they are few) by eligibility and measurement window, and sum each into its entry
 * and pool by comparing with the previous line (no hashing) → rate each pool as soon as its lines are read
 * (tier decisions in BigInt, once per pool; per-entry shares in exact number arithmetic, BigInt beyond its
 * bounds) → round the pool total half-even to minor units and spread it over the pool's entries by largest
 * remainder. A `workspace` kept across runs lends the buffers (see `AccrualWorkspace`).
 */
export function computeAccrualTable(
  input: ComputeAccrualsInput,
  workspace = new AccrualWorkspace(),
): AccrualTableRun {
  if (input.period.end < input.period.start) {
    throw new ValidationError('the run period ends before it starts', [
      { path: 'period.end', message: 'must not be before period.start' },
    ]);
  }
  const columns = prepareSaleLines(input.lines, workspace);
  const programs = activePrograms(input.programs);
  const scopes: AccrualScope[] = [];
  for (const program of programs) {
    for (const window of measurementWindows(program, input.period)) {
      scopes.push({
        programId: program.programId,
        programVersion: program.version,
        period: window.period.label,
        from: window.from,
        to: window.to,
      });
    }
  }
  const table = buildAccrualTable(columns, programs, input.period, workspace);
  const { lineSetFingerprint } = columns;
  const inputFingerprint = fnv1a64(
    canonicalJson({
      lineSetFingerprint,
      period: input.period,
      programs: programs.map((program) => ({ ...program })),
    }),
  );
  return { table, scopes, skipped: table.skipped, lineSetFingerprint, inputFingerprint };
}

/**
 * Computes the run as `computeAccrualTable` does and writes out every entry with its full trace (source
 * lines, basis, tier reached, rate, rounding): for explanations and tests. Entries are sorted by key.
 */
export function computeAccruals(input: ComputeAccrualsInput): AccrualRun {
  return writeOutEntries(input, new AccrualWorkspace(), (explainer, index) => explainer.entry(index));
}

/**
 * The same entries without traces (dimensions, key and amount): what posting and replaying a run need,
 * without rebuilding every pool's trace in BigInt. Nothing returned refers to the workspace, which is
 * released before returning, so a long-lived one can serve every call.
 */
export function computeAccrualAmounts(
  input: ComputeAccrualsInput,
  workspace = new AccrualWorkspace(),
): AccrualRun<AccrualAmount> {
  return writeOutEntries(input, workspace, (explainer, index) => explainer.amount(index));
}

/**
 * The same entries as `computeAccrualAmounts`, and from the same table the first entry of each rating pool
 * of the programs `traced` picks, with its full trace (which carries the pool's volume and tier reached):
 * where partners stand, at the cost of tracing one entry per such pool. Per-line programs and lump sums have
 * no pools, so nothing of theirs is traced.
 */
export function computeAccrualAmountsAndStandings(
  input: ComputeAccrualsInput,
  traced: (program: RebateProgram) => boolean,
  workspace = new AccrualWorkspace(),
): AccrualRun<AccrualAmount> & { readonly poolLeaders: readonly AccrualEntry[] } {
  let poolLeaders: AccrualEntry[] = [];
  const run = writeOutEntries(
    input,
    workspace,
    (explainer, index) => explainer.amount(index),
    (table, explainer) => {
      poolLeaders = leadersOf(table, explainer, traced);
    },
  );
  return { ...run, poolLeaders };
}

function leadersOf(
  table: AccrualTable,
  explainer: AccrualExplainer,
  traced: (program: RebateProgram) => boolean,
): AccrualEntry[] {
  const leaders: AccrualEntry[] = [];
  for (let pool = 0; pool < table.poolCount; pool++) {
    const start = table.poolStart[pool] as number;
    const context = table.programs[entryProgram(table, start)];
    if (context !== undefined && traced(context.program)) leaders.push(explainer.entry(start));
  }
  return leaders;
}

function writeOutEntries<Entry extends AccrualAmount>(
  input: ComputeAccrualsInput,
  workspace: AccrualWorkspace,
  write: (explainer: AccrualExplainer, index: number) => Entry,
  alsoRead?: (table: AccrualTable, explainer: AccrualExplainer) => void,
): AccrualRun<Entry> {
  const { table, ...run } = computeAccrualTable(input, workspace);
  try {
    const explainer = new AccrualExplainer(table);
    const entries: Entry[] = [];
    for (let index = 0; index < table.entryCount; index++) entries.push(write(explainer, index));
    // Before the workspace is released: the table's columns live in its buffers.
    alsoRead?.(table, explainer);
    // The table is already in key order unless an id holds a control character; sorting keeps the contract.
    entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { entries, ...run };
  } finally {
    workspace.release();
  }
}
