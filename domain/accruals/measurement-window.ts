import type { RebateProgram } from '../programs/program';
import { type ProgramPeriod, programPeriodsOverlapping, shiftYears } from '../programs/program-period';
import type { IsoDate } from '../shared/iso-date';

/** The accrual run's date range, inclusive. */
export interface RunPeriod {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

/**
 * The lines a program measures for one of its periods: dated (by the program's date basis) from `from` to
 * `to` inclusive. Periods accrue period-to-date: a run ending mid-quarter measures the quarter so far, and the
 * next run's difference to the posted amount is the new accrual. `from > to` means nothing is eligible (the
 * rule has not started or has ended). `baseline` is the same window one year earlier, for growth programs.
 */
export interface MeasurementWindow {
  readonly period: ProgramPeriod;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly baseline: { readonly from: IsoDate; readonly to: IsoDate };
}

function later(a: IsoDate, b: IsoDate | undefined): IsoDate {
  return b !== undefined && b > a ? b : a;
}

function earlier(a: IsoDate, b: IsoDate | undefined): IsoDate {
  return b !== undefined && b < a ? b : a;
}

/**
 * The measurement windows of a program for every program period that overlaps the run. Annual volume
 * programs measure over the whole program year, whatever their accrual cadence.
 */
export function measurementWindows(program: RebateProgram, run: RunPeriod): MeasurementWindow[] {
  const granularity = program.terms.kind === 'annualVolume' ? 'year' : program.periodGranularity;
  const promotion = program.terms.kind === 'promotion' ? program.terms.window : undefined;
  return programPeriodsOverlapping(run.start, run.end, granularity, program.programYearStartMonth).map(
    (period) => {
      const from = later(later(period.start, program.eligibility.startDate), promotion?.start);
      const to = earlier(earlier(earlier(period.end, run.end), program.eligibility.endDate), promotion?.end);
      return { period, from, to, baseline: { from: shiftYears(from, -1), to: shiftYears(to, -1) } };
    },
  );
}
