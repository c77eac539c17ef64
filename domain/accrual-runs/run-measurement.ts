import { measurementWindows, type RunPeriod } from '../accruals/measurement-window';
import type { RebateProgram } from '../programs/program';
import type { IsoDate } from '../shared/iso-date';
import type { AccrualRunRecord } from './accrual-run';
import type { AccrualLedger } from './ports';

/**
 * The last day a run measures `program` to. Normally the run's end; but when a run has already measured a
 * program period this run overlaps further (December's run measured the quarter to Dec 31, and finance now
 * re-runs October), the program is measured as of that later day. A rerun of an earlier month can so only
 * pick up late or restated lines, never take back what a later month's run established.
 *
 * Measuring to the later day adds no program period: every period overlapping `[start, later day]` overlaps
 * the run or lies inside the period that was measured further.
 */
export async function measuredToOf(
  ledger: Pick<AccrualLedger, 'measured'>,
  program: RebateProgram,
  period: RunPeriod,
): Promise<IsoDate> {
  let end = period.end;
  for (const window of measurementWindows(program, period)) {
    const measured = await ledger.measured(program.programId, window.period.label);
    if (measured !== null && measured.to > end) end = measured.to;
  }
  return end;
}

/** The period a program of a run is measured over: the run's, up to the day recorded for the program. */
export function programRunPeriod(run: AccrualRunRecord, programId: string): RunPeriod {
  const recorded = run.programs.find((program) => program.programId === programId);
  return { start: run.period.start, end: recorded?.measuredTo ?? run.period.end };
}
