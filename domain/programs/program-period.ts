import type { IsoDate } from '../shared/iso-date';
import type { PeriodGranularity } from './program';

/**
 * One accrual period of a program, inclusive dates. Labels: months `2026-03`; quarters and years are fiscal,
 * named by the calendar year the program year starts in: `FY2026-Q1`, `FY2026`.
 */
export interface ProgramPeriod {
  readonly label: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
}

const monthsPerPeriod: Record<PeriodGranularity, number> = { month: 1, quarter: 3, year: 12 };

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function isoDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Splits an absolute month count (year × 12 + month − 1) back into year and 1-based month. */
function fromMonthIndex(index: number): { year: number; month: number } {
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The program period (by granularity, aligned to the program year) that contains `date`. */
export function programPeriodContaining(
  date: IsoDate,
  granularity: PeriodGranularity,
  programYearStartMonth: number,
): ProgramPeriod {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const fiscalYear = month >= programYearStartMonth ? year : year - 1;
  const offset = (month - programYearStartMonth + 12) % 12;
  const length = monthsPerPeriod[granularity];
  const firstOffset = offset - (offset % length);
  const startIndex = fiscalYear * 12 + (programYearStartMonth - 1) + firstOffset;
  const start = fromMonthIndex(startIndex);
  const end = fromMonthIndex(startIndex + length - 1);
  const label =
    granularity === 'month'
      ? `${pad(start.year, 4)}-${pad(start.month, 2)}`
      : granularity === 'quarter'
        ? `FY${fiscalYear}-Q${firstOffset / 3 + 1}`
        : `FY${fiscalYear}`;
  return {
    label,
    start: isoDate(start.year, start.month, 1),
    end: isoDate(end.year, end.month, daysInMonth(end.year, end.month)),
  };
}

/** The day after `date`. */
export function nextDay(date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (day < daysInMonth(year, month)) return isoDate(year, month, day + 1);
  return month === 12 ? isoDate(year + 1, 1, 1) : isoDate(year, month + 1, 1);
}

/** The same calendar day `years` later (earlier when negative); 29 February becomes 28 February off leap years. */
export function shiftYears(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) + years;
  const month = Number(date.slice(5, 7));
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return isoDate(year, month, day);
}

/** Every program period that overlaps `[start, end]`, in date order. */
export function programPeriodsOverlapping(
  start: IsoDate,
  end: IsoDate,
  granularity: PeriodGranularity,
  programYearStartMonth: number,
): ProgramPeriod[] {
  const periods: ProgramPeriod[] = [];
  let period = programPeriodContaining(start, granularity, programYearStartMonth);
  while (period.start <= end) {
    periods.push(period);
    period = programPeriodContaining(nextDay(period.end), granularity, programYearStartMonth);
  }
  return periods;
}

/**
 * The program period a label names, when it is one of this program's: `2026-03` for a monthly program,
 * `FY2026-Q2` quarterly, `FY2026` yearly, with the program year's start month. Undefined otherwise.
 */
export function programPeriodOfLabel(
  label: string,
  granularity: PeriodGranularity,
  programYearStartMonth: number,
): ProgramPeriod | undefined {
  const match = /^(?:(\d{4})-(\d{2})|FY(\d{4})(?:-Q([1-4]))?)$/.exec(label);
  if (match === null) return undefined;
  const [, year, month, fiscalYear, quarter] = match;
  const firstMonthIndex =
    year !== undefined
      ? Number(year) * 12 + Number(month) - 1
      : Number(fiscalYear) * 12 + programYearStartMonth - 1 + (Number(quarter ?? 1) - 1) * 3;
  const first = fromMonthIndex(firstMonthIndex);
  if (first.month < 1 || first.month > 12) return undefined;
  const period = programPeriodContaining(
    isoDate(first.year, first.month, 1),
    granularity,
    programYearStartMonth,
  );
  return period.label === label ? period : undefined;
}
