import { describe, expect, it } from 'vitest';
import {
  nextDay,
  programPeriodContaining,
  programPeriodsOverlapping,
  shiftYears,
} from '../../../domain/programs/program-period';

describe('program periods', () => {
  it('finds the calendar month, quarter and year of a date', () => {
    expect(programPeriodContaining('2026-02-14', 'month', 1)).toEqual({
      label: '2026-02',
      start: '2026-02-01',
      end: '2026-02-28',
    });
    expect(programPeriodContaining('2026-05-31', 'quarter', 1)).toEqual({
      label: 'FY2026-Q2',
      start: '2026-04-01',
      end: '2026-06-30',
    });
    expect(programPeriodContaining('2028-02-29', 'year', 1)).toEqual({
      label: 'FY2028',
      start: '2028-01-01',
      end: '2028-12-31',
    });
  });

  it('aligns quarters and years to a program year starting in April', () => {
    expect(programPeriodContaining('2026-02-10', 'quarter', 4)).toEqual({
      label: 'FY2025-Q4',
      start: '2026-01-01',
      end: '2026-03-31',
    });
    expect(programPeriodContaining('2026-04-01', 'year', 4)).toEqual({
      label: 'FY2026',
      start: '2026-04-01',
      end: '2027-03-31',
    });
    expect(programPeriodContaining('2026-12-31', 'quarter', 11)).toEqual({
      label: 'FY2026-Q1',
      start: '2026-11-01',
      end: '2027-01-31',
    });
  });

  it('lists every period overlapping a range', () => {
    const labels = programPeriodsOverlapping('2026-01-15', '2026-04-01', 'month', 1).map(
      (period) => period.label,
    );

    expect(labels).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  });

  it('steps days over month and year ends and shifts years on leap days', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(shiftYears('2028-02-29', -1)).toBe('2027-02-28');
    expect(shiftYears('2026-03-31', -1)).toBe('2025-03-31');
  });
});
