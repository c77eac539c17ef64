import {
  type AccrualRunCompletedV1,
  accrualRunCompletedV1,
  detailType,
  source,
} from '../../events/accrual-run-completed.v1';
import {
  computeAccrualAmounts,
  computeAccruals,
  fingerprintLines,
} from '../accruals/engine/compute-accruals';
import type { SaleLine } from '../accruals/sale-line';
import { closedMonths } from '../ledger/accounting-period-use-cases';
import type { RebateProgram } from '../programs/program';
import { programsInForce } from '../programs/program-lifecycle';
import { summarizeSales } from '../reports/sales-summary';
import { BusinessRuleError } from '../shared/errors';
import { toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { getVersioned, recordData, replaceVersioned } from '../shared/versioned-record';
import type { AccrualRunRecord, PeriodRunResult, ProgramRunResult } from './accrual-run';
import {
  type EarlierLineRead,
  type LineSource,
  lineStateOf,
  monthsOf,
  partnerMonthKey,
  partnerMonthOfLine,
  planLineReads,
} from './line-state';
import type { AccrualRunDeps } from './ports';
import { postProgramPeriod } from './post-program-period';
import { byCurrency, computePrograms, type ProgramComputation } from './program-computation';
import { monthsToRead, toSaleLine, type UnreadableLine } from './run-lines';
import { measuredToOf, programRunPeriod } from './run-measurement';

/** One item of the workflow's Map: a program version of the run. */
export interface ProgramStep {
  readonly runId: string;
  readonly programId: string;
  readonly programVersion: number;
}

const shownUnreadable = 100;

/**
 * Workflow step 1 (validate): fixes what the run reads. Main course: the programs in force and their
 * versions → the day each is measured to (the run's end, or later when a run measured one of its periods
 * further: see `measuredToOf`) → the invoice months their windows need → every partner's lines of those
 * months, converted for the engine → a snapshot of them (replay and explanations read it, never the live
 * table) → their sums per month for reports → every program computed in one pass over it, each program's
 * result written beside the snapshot → the run record, now `running`, lists all of it → one Map item per
 * program, which posts its program's result.
 */
export async function prepareAccrualRun(deps: AccrualRunDeps, runId: string): Promise<ProgramStep[]> {
  const run = await getVersioned(deps.runs, runId, 'Accrual run');
  if (run.status === 'completed' || run.status === 'failed') {
    throw new BusinessRuleError(`accrual run '${runId}' is already ${run.status}`);
  }
  const programs = [];
  for (const program of await programsInForce(deps)) {
    programs.push({ program, measuredTo: await measuredToOf(deps.ledger, program, run.period) });
  }
  const months = [
    ...new Set(
      programs.flatMap(({ program, measuredTo }) =>
        monthsToRead([program], { start: run.period.start, end: measuredTo }),
      ),
    ),
  ].sort();
  const { lines, unreadable, lineSource } = await linesOfRun(deps, runId, months);
  await deps.snapshots.write(runId, lines);
  await writeSalesSummaries(deps, months, lines);
  const measured = programs.map(({ program, measuredTo }) => ({
    program,
    period: { start: run.period.start, end: measuredTo },
  }));
  await deps.snapshots.writeComputed(runId, computePrograms(lines, measured, deps.workspace));
  await replaceVersioned(deps.runs, deps.clock, run, run.version, {
    ...recordData(run),
    status: 'running',
    months,
    programs: programs.map(({ program, measuredTo }) => ({
      programId: program.programId,
      programVersion: program.version,
      measuredTo,
    })),
    lineCount: lines.length,
    lineSetFingerprint: fingerprintLines(lines),
    unreadableLines: unreadable.slice(0, shownUnreadable),
    lineSource,
  });
  return programs.map(({ program }) => ({
    runId,
    programId: program.programId,
    programVersion: program.version,
  }));
}

/**
 * The lines of the run's months. The counters of every partner-month are read first (see
 * `RunLineSource.lineChanges`), then each partner-month whose counter is the one the last completed run
 * recorded is taken from that run's snapshot and every other one is read from the store (see
 * `planLineReads`): one partner's late file rereads that partner-month only. The counters are recorded
 * beside the snapshot for the next run; everything after the read (summaries, compute, postings) runs as
 * usual, so reuse changes nothing in the result.
 */
async function linesOfRun(
  deps: Pick<AccrualRunDeps, 'lines' | 'snapshots' | 'runs'>,
  runId: string,
  months: readonly string[],
): Promise<{ lines: SaleLine[]; unreadable: readonly UnreadableLine[]; lineSource: LineSource }> {
  const counters = await deps.lines.lineChanges(months);
  const earlier = await lastCompletedRead(deps);
  const plan = planLineReads(counters, earlier);
  const lines: SaleLine[] = [];
  const unreadable: UnreadableLine[] = [];
  if (earlier !== null && plan.reuse.length > 0) {
    const reused = new Set(plan.reuse.map(partnerMonthKey));
    for (const line of await deps.snapshots.read(earlier.runId)) {
      if (reused.has(partnerMonthKey(partnerMonthOfLine(line)))) lines.push(line);
    }
    unreadable.push(...earlier.unreadableLines.filter((line) => reused.has(partnerMonthKey(line))));
  }
  for await (const stored of deps.lines.salesOf(plan.read)) {
    const line = toSaleLine(stored);
    if ('reason' in line) unreadable.push(line);
    else lines.push(line);
  }
  await deps.snapshots.writeLineCounters(runId, counters);
  const reusing = earlier !== null && plan.reuse.length > 0;
  return {
    lines,
    unreadable,
    lineSource: {
      lineState: lineStateOf(counters),
      reusedFromRunId: reusing ? earlier.runId : null,
      monthsReused: monthsOf(plan.reuse),
      monthsRead: monthsOf(plan.read),
      partnerMonthsReused: plan.reuse.length,
      partnerMonthsRead: plan.read.length,
      partnerMonthsReadAgain: reusing ? plan.read.map(({ partnerId, month }) => ({ partnerId, month })) : [],
    },
  };
}

/** The last completed run with the counters it recorded (null when there is none). */
async function lastCompletedRead(
  deps: Pick<AccrualRunDeps, 'snapshots' | 'runs'>,
): Promise<(AccrualRunRecord & EarlierLineRead) | null> {
  const runId = await deps.snapshots.lastCompletedRun();
  const run = runId === null ? undefined : await deps.runs.get(runId);
  if (run === undefined) return null;
  return { ...run, counters: await deps.snapshots.readLineCounters(run.runId) };
}

/**
 * Replaces the sales summaries of every month the run read with the lines it read (a month it read empty
 * included), so that reports sum a few summaries per partner and month instead of scanning lines.
 */
async function writeSalesSummaries(
  deps: Pick<AccrualRunDeps, 'salesSummaries'>,
  months: readonly string[],
  lines: readonly SaleLine[],
): Promise<void> {
  const summaries = summarizeSales(lines);
  for (const month of months) {
    await deps.salesSummaries.replaceMonth(
      month,
      summaries.filter((summary) => summary.month === month),
    );
  }
}

/**
 * What one program of a run is recomputed from: the lines of the run's snapshot and the program version it
 * recorded (as it was in force, even if the program has closed since).
 */
async function programInput(
  deps: Pick<AccrualRunDeps, 'programVersions'>,
  run: AccrualRunRecord,
  step: Pick<ProgramStep, 'programId' | 'programVersion'>,
  lines: readonly SaleLine[],
) {
  const program = await recordedProgram(deps, step);
  return { input: { lines, programs: [program], period: programRunPeriod(run, step.programId) }, program };
}

/** The program version a run recorded, as it was in force (even if the program has closed since). */
export async function recordedProgram(
  deps: Pick<AccrualRunDeps, 'programVersions'>,
  step: Pick<ProgramStep, 'programId' | 'programVersion'>,
) {
  const version = await getVersioned(
    deps.programVersions,
    { programId: step.programId, programVersion: step.programVersion },
    'Program version',
  );
  return { ...version.program, status: 'active' as const };
}

/**
 * The entries of one program of a run, without traces: what posting and replay compare and post. `lines`
 * are the run's snapshot (a replay reads it once for all programs).
 */
export async function recomputeProgram(
  deps: Pick<AccrualRunDeps, 'programVersions' | 'workspace'>,
  run: AccrualRunRecord,
  step: Pick<ProgramStep, 'programId' | 'programVersion'>,
  lines: readonly SaleLine[],
) {
  const { input, program } = await programInput(deps, run, step, lines);
  return { ...computeAccrualAmounts(input, deps.workspace), program };
}

/** The same entries with their traces, for explanations. */
export async function explainProgram(
  deps: Pick<AccrualRunDeps, 'snapshots' | 'programVersions'>,
  run: AccrualRunRecord,
  step: Pick<ProgramStep, 'programId' | 'programVersion'>,
) {
  const { input } = await programInput(deps, run, step, await deps.snapshots.read(run.runId));
  return computeAccruals(input);
}

/**
 * One program's result as the prepare step wrote it (what the Map item of `step` posts and the near-tier
 * alerts read), or, for a run prepared before results (or their standings) were written, the program
 * recomputed from the snapshot.
 */
export async function computedProgram(
  deps: Pick<AccrualRunDeps, 'snapshots' | 'workspace'>,
  run: AccrualRunRecord,
  step: Pick<ProgramStep, 'programId'>,
  program: RebateProgram,
): Promise<ProgramComputation> {
  const written = await deps.snapshots.readComputed(run.runId, step.programId);
  if (written?.standings !== undefined) return written;
  const lines = await deps.snapshots.read(run.runId);
  const [computed] = computePrograms(
    lines,
    [{ program, period: programRunPeriod(run, step.programId) }],
    deps.workspace,
  );
  if (computed === undefined) throw new BusinessRuleError(`program '${step.programId}' computed nothing`);
  return computed;
}

/**
 * Workflow step 2 (Map over programs): posts, per program period, the difference between one program's
 * entries (computed by the prepare step) and what is posted, as new accruals and true-ups at the ledger
 * grain (see `postProgramPeriod`: never into a closed month, never twice, never backwards).
 */
export async function postProgramAccruals(
  deps: AccrualRunDeps,
  step: ProgramStep,
): Promise<ProgramRunResult> {
  const run = await getVersioned(deps.runs, step.runId, 'Accrual run');
  const program = await recordedProgram(deps, step);
  const computed = await computedProgram(deps, run, step, program);
  const closed = { current: await closedMonths(deps.accountingPeriods) };
  const posted = new Map<CurrencyCode, bigint>();
  const periods: PeriodRunResult[] = [];
  for (const scope of computed.scopes) {
    const entries = computed.grainEntries.filter((entry) => entry.period === scope.period);
    const outcome = await postProgramPeriod(deps, run, scope, entries, program.businessUnit, closed);
    periods.push(outcome.result);
    for (const posting of outcome.postings) {
      posted.set(
        posting.currency,
        (posted.get(posting.currency) ?? 0n) + toMinorUnits(posting.amount, posting.currency),
      );
    }
  }
  return {
    programId: step.programId,
    programVersion: step.programVersion,
    entries: computed.entryCount,
    postings: periods.reduce((sum, period) => sum + period.postings, 0),
    skippedLines: computed.skippedLines,
    posted: byCurrency(posted),
    earned: computed.earned,
    entriesFingerprint: computed.entriesFingerprint,
    periods,
  };
}

/**
 * Workflow step 3 (summarize): records every program's result, marks the run completed and publishes
 * `AccrualRunCompleted`.
 */
export async function completeAccrualRun(
  deps: AccrualRunDeps,
  input: { readonly runId: string; readonly results: readonly ProgramRunResult[] },
): Promise<AccrualRunCompletedV1> {
  const run = await getVersioned(deps.runs, input.runId, 'Accrual run');
  const completedAt = deps.clock().toISOString();
  const totals = new Map<CurrencyCode, bigint>();
  for (const result of input.results) {
    for (const [currency, amount] of Object.entries(result.posted) as [CurrencyCode, string][]) {
      totals.set(currency, (totals.get(currency) ?? 0n) + toMinorUnits(amount, currency));
    }
  }
  if (run.status !== 'completed') {
    await replaceVersioned(deps.runs, deps.clock, run, run.version, {
      ...recordData(run),
      status: 'completed',
      results: [...input.results].sort((a, b) => (a.programId < b.programId ? -1 : 1)),
      completedAt,
    });
  }
  // After the record says completed: the next run checks the status before it reuses this run's lines.
  await deps.snapshots.rememberCompletedRun(run.runId);
  const detail = accrualRunCompletedV1.parse({
    version: 1,
    runId: run.runId,
    trigger: run.trigger,
    period: run.period,
    accountingDate: run.accountingDate,
    programs: input.results.length,
    lines: run.lineCount,
    postings: input.results.reduce((sum, result) => sum + result.postings, 0),
    posted: byCurrency(totals),
    occurredAt: completedAt,
  });
  await deps.events.publish({ source, detailType, detail });
  return detail;
}

/** The workflow's catch: records why the run failed. Postings already made stay; a rerun trues them up. */
export async function failAccrualRun(
  deps: AccrualRunDeps,
  input: { readonly runId: string; readonly reason: string },
): Promise<void> {
  const run = await getVersioned(deps.runs, input.runId, 'Accrual run');
  if (run.status === 'completed' || run.status === 'failed') return;
  await replaceVersioned(deps.runs, deps.clock, run, run.version, {
    ...recordData(run),
    status: 'failed',
    failure: input.reason.slice(0, 1000),
    completedAt: deps.clock().toISOString(),
  });
}
