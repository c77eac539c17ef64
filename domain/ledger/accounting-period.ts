import { z } from 'zod';
import { BusinessRuleError } from '../shared/errors';
import type { IsoDate } from '../shared/iso-date';

/** An accounting month, `YYYY-MM`: the calendar month of a posting's accounting date (`postedOn`). */
export const accountingMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be an accounting month YYYY-MM');

/** One audited change of an accounting month: who closed or reopened it, when, and why. */
export interface AccountingPeriodChange {
  readonly action: 'closed' | 'reopened';
  readonly by: string;
  readonly at: string;
  /** Required to reopen; optional (null) to close. */
  readonly reason: string | null;
}

/**
 * An accounting month that has been closed at least once. A month without a record is open: books open by
 * default and finance closes them one by one. `history` keeps every close and reopen, oldest first.
 */
export interface AccountingPeriod {
  readonly month: string;
  readonly status: 'open' | 'closed';
  readonly history: readonly AccountingPeriodChange[];
}

/** The posting was dated into a month finance has closed (HTTP 422): nothing is ever posted there. */
export class ClosedPeriodError extends BusinessRuleError {
  constructor(readonly month: string) {
    super(`accounting month ${month} is closed: nothing can be posted dated into it`, [
      { path: 'postedOn', message: `falls in the closed accounting month ${month}` },
    ]);
  }
}

/** The month after `month` (YYYY-MM). */
export function nextMonth(month: string): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Throws ClosedPeriodError when `postedOn` falls in a closed month. */
export function assertOpen(closedMonths: ReadonlySet<string>, postedOn: IsoDate): void {
  const month = postedOn.slice(0, 7);
  if (closedMonths.has(month)) throw new ClosedPeriodError(month);
}

/**
 * The accounting date of a posting a run would date `accountingDate`: that date while its month is open;
 * otherwise the first day of the earliest open month after it, where a closed month's late changes go
 * (a prior-period true-up in the current books, as finance systems post them).
 */
export function openPostingDate(accountingDate: IsoDate, closedMonths: ReadonlySet<string>): IsoDate {
  let month = accountingDate.slice(0, 7);
  if (!closedMonths.has(month)) return accountingDate;
  while (closedMonths.has(month)) month = nextMonth(month);
  return `${month}-01`;
}
