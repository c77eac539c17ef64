import type { DateFormat } from './mapping-profile';

/** Reads dates written in one profile format into ISO `YYYY-MM-DD`, and writes dates back in that format. */
export interface DateCodec {
  /** ISO date, or undefined when the text does not follow the format or names an impossible date. */
  parse(text: string): string | undefined;
  /** A calendar date (UTC fields) written in the format, e.g. for XLSX date cells. */
  format(date: Date): string;
}

/** Earliest and latest years accepted: anything outside is a typo, not a sale. */
const minYear = 1900;
const maxYear = 2199;

const twoDigits = Array.from({ length: 32 }, (_, value) => String(value).padStart(2, '0'));
const daysInMonth = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const tokenYear = -1;
const tokenMonth2 = -2;
const tokenDay2 = -3;
const tokenMonth = -4;
const tokenDay = -5;

function tokenize(format: string): number[] {
  const tokens: number[] = [];
  for (let index = 0; index < format.length; ) {
    if (format.startsWith('YYYY', index)) {
      tokens.push(tokenYear);
      index += 4;
    } else if (format.startsWith('MM', index)) {
      tokens.push(tokenMonth2);
      index += 2;
    } else if (format.startsWith('DD', index)) {
      tokens.push(tokenDay2);
      index += 2;
    } else if (format[index] === 'M') {
      tokens.push(tokenMonth);
      index++;
    } else if (format[index] === 'D') {
      tokens.push(tokenDay);
      index++;
    } else {
      tokens.push(format.charCodeAt(index));
      index++;
    }
  }
  return tokens;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Two decimal digits at `at` as a number, or -1. */
function digits2(text: string, at: number): number {
  const first = text.charCodeAt(at) - 48;
  const second = text.charCodeAt(at + 1) - 48;
  return first >= 0 && first <= 9 && second >= 0 && second <= 9 ? first * 10 + second : -1;
}

/** Four decimal digits at `at` as a number, or -1. */
function digits4(text: string, at: number): number {
  const high = digits2(text, at);
  const low = digits2(text, at + 2);
  return high >= 0 && low >= 0 ? high * 100 + low : -1;
}

/** True when year-month-day exists in the Gregorian calendar (2026-02-29 does not, 2028-02-29 does). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (year < minYear || year > maxYear || month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (daysInMonth[month] ?? 0);
}

/**
 * Compiles a profile date format into a parser that walks the text once by character codes. A time suffix
 * after a space or `T` ("2026-01-15 00:00:00", common in ERP exports) is ignored.
 */
export function compileDateFormat(format: DateFormat): DateCodec {
  const tokens = tokenize(format);
  const isIso = format === 'YYYY-MM-DD';
  return {
    parse(text: string): string | undefined {
      if (isIso && text.length === 10) {
        // Hot path: an exact ISO date is its own result.
        const year = digits4(text, 0);
        const month = digits2(text, 5);
        const day = digits2(text, 8);
        if (year >= 0 && month >= 0 && day >= 0 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
          return isCalendarDate(year, month, day) ? text : undefined;
        }
      }
      let index = 0;
      let end = text.length;
      while (index < end && text.charCodeAt(index) === 32) index++;
      while (end > index && text.charCodeAt(end - 1) === 32) end--;
      const start = index;
      let year = 0;
      let month = 0;
      let day = 0;
      for (const token of tokens) {
        if (token >= 0) {
          if (text.charCodeAt(index) !== token) return undefined;
          index++;
          continue;
        }
        const first = text.charCodeAt(index);
        const second = text.charCodeAt(index + 1);
        if (!isDigit(first)) return undefined;
        if (token === tokenYear) {
          const third = text.charCodeAt(index + 2);
          const fourth = text.charCodeAt(index + 3);
          if (!isDigit(second) || !isDigit(third) || !isDigit(fourth)) return undefined;
          year = (first - 48) * 1000 + (second - 48) * 100 + (third - 48) * 10 + (fourth - 48);
          index += 4;
          continue;
        }
        let value: number;
        if (token === tokenMonth2 || token === tokenDay2) {
          if (!isDigit(second)) return undefined;
          value = (first - 48) * 10 + (second - 48);
          index += 2;
        } else if (isDigit(second)) {
          value = (first - 48) * 10 + (second - 48);
          index += 2;
        } else {
          value = first - 48;
          index++;
        }
        if (token === tokenMonth2 || token === tokenMonth) month = value;
        else day = value;
      }
      if (index !== end) {
        const next = text.charCodeAt(index);
        if (next !== 32 && next !== 84) return undefined;
      }
      if (!isCalendarDate(year, month, day)) return undefined;
      if (isIso && start === 0 && index === text.length) return text;
      return `${year}-${twoDigits[month]}-${twoDigits[day]}`;
    },
    format(date: Date): string {
      const year = String(date.getUTCFullYear()).padStart(4, '0');
      const month = date.getUTCMonth() + 1;
      const day = date.getUTCDate();
      return format
        .replace('YYYY', year)
        .replace('MM', twoDigits[month] ?? '')
        .replace('DD', twoDigits[day] ?? '')
        .replace('M', String(month))
        .replace('D', String(day));
    },
  };
}
