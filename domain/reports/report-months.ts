import { ValidationError } from '../shared/errors';

/** A reporting window of invoice months, `YYYY-MM` both ends inclusive. */
export interface MonthWindow {
  readonly from: string;
  readonly to: string;
}

const maxMonths = 24;
const indexOf = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthAt = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** The months of a window, oldest first; a report spans 1 to 24 months (`to` names the field at fault). */
export function monthsOf(window: MonthWindow): string[] {
  const count = indexOf(window.to) - indexOf(window.from) + 1;
  if (count < 1 || count > maxMonths) {
    throw new ValidationError(`a report spans 1 to ${maxMonths} months`, [
      { path: 'to', message: `must be on or after from, at most ${maxMonths - 1} months later` },
    ]);
  }
  return Array.from({ length: count }, (_, offset) => monthAt(indexOf(window.from) + offset));
}

/** The same window one year earlier (the comparison base of sales growth). */
export function yearBefore(window: MonthWindow): MonthWindow {
  return { from: monthAt(indexOf(window.from) - 12), to: monthAt(indexOf(window.to) - 12) };
}

/** The month before `month` (`YYYY-MM`). */
export function monthBefore(month: string): string {
  return monthAt(indexOf(month) - 1);
}
