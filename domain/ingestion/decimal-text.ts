/**
 * Hot-path decimal handling for ingestion. Values are exact scaled integers: `units × 10^-scale` with the sign
 * kept apart. Units stay JavaScript safe integers while that is exact and switch to bigint past 2^53, so no
 * float ever touches money and no decimal.js object is built per line. `test/unit/ingestion` proves the results
 * equal decimal.js (the `Money` clone) on random inputs.
 */

import { roundHalfEven } from '../shared/money/scaled-integer';

/** Most decimals a quantity, price or amount may carry (what the accrual engine carries exactly). */
export const maxDecimals = 6;
/** Largest absolute quantity, price or amount ingestion accepts; anything above is an absurd value. */
export const absurdLimit = 1_000_000_000;

export const decimalOk = 0;
export const decimalEmpty = 1;
export const decimalInvalid = 2;
export const decimalTooPrecise = 3;
export const decimalAbsurd = 4;
export type DecimalStatus = 0 | 1 | 2 | 3 | 4;
const notPlain = -1;

const pow10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const pow10Of = (exponent: number): number => pow10[exponent] ?? 10 ** exponent;
const bigPow10 = (exponent: number): bigint => 10n ** BigInt(exponent);

export type Units = number | bigint;

/**
 * Reads decimal text written with a profile's separators ("1.234,50", "(12)", "-3", "12-") into
 * `units`/`scale`/`negative`, without allocating. Thousands separators must group by three; trailing zeros
 * after the decimal point are dropped; more than 6 significant decimals or |value| > 1e9 are refused.
 */
export class DecimalReader {
  units = 0;
  scale = 0;
  negative = false;
  /** True when the text is already plain (`-?digits(.digits)?`, no padding, grouping or leading zeros). */
  plain = false;
  /** Decimals as written, trailing zeros included ("12.50" → 2). */
  writtenDecimals = 0;
  private readonly decimalCode: number;
  private readonly thousandsCode: number;
  private readonly spaceGrouping: boolean;

  constructor(decimalSeparator: '.' | ',', thousandsSeparator: '' | ',' | '.' | ' ' | "'") {
    this.decimalCode = decimalSeparator.charCodeAt(0);
    this.thousandsCode = thousandsSeparator === '' ? -1 : thousandsSeparator.charCodeAt(0);
    this.spaceGrouping = thousandsSeparator === ' ';
  }

  read(text: string): DecimalStatus {
    const status = this.readPlain(text);
    return status === notPlain ? this.readAny(text) : status;
  }

  /**
   * Fast path for the common spelling `-?digits(.digits)?` with '.' as the separator; returns `notPlain` for
   * anything else (padding, grouping, other separators, signs) so `readAny` handles it.
   */
  private readPlain(text: string): DecimalStatus | typeof notPlain {
    const length = text.length;
    if (length === 0 || this.decimalCode !== 46) return notPlain;
    let index = 0;
    let negative = false;
    let code = text.charCodeAt(0);
    if (code === 45) {
      negative = true;
      index = 1;
    }
    const integerStart = index;
    let units = 0;
    while (index < length) {
      code = text.charCodeAt(index);
      if (code < 48 || code > 57) break;
      units = units * 10 + (code - 48);
      index++;
    }
    const integerDigits = index - integerStart;
    if (integerDigits === 0 || integerDigits > 10) return notPlain;
    let written = 0;
    if (index < length) {
      if (code !== 46) return notPlain;
      index++;
      const fractionStart = index;
      while (index < length) {
        code = text.charCodeAt(index);
        if (code < 48 || code > 57) return notPlain;
        units = units * 10 + (code - 48);
        index++;
      }
      written = index - fractionStart;
      if (written === 0 || written > maxDecimals || integerDigits + written > 15) return notPlain;
    }
    let scale = written;
    while (scale > 0 && units % 10 === 0) {
      units /= 10;
      scale--;
    }
    if (units > absurdLimit * pow10Of(scale)) return decimalAbsurd;
    this.units = units;
    this.scale = scale;
    this.negative = negative && units !== 0;
    this.writtenDecimals = written;
    this.plain = (integerDigits === 1 || text.charCodeAt(integerStart) !== 48) && (!negative || units !== 0);
    return decimalOk;
  }

  /** General path: padding, signs, parentheses, trailing minus, grouping, either decimal separator. */
  private readAny(text: string): DecimalStatus {
    let start = 0;
    let end = text.length;
    while (start < end && text.charCodeAt(start) <= 32) start++;
    while (end > start && text.charCodeAt(end - 1) <= 32) end--;
    if (start === end) return decimalEmpty;
    let plain = start === 0 && end === text.length && this.decimalCode === 46;
    let negative = false;
    let code = text.charCodeAt(start);
    if (code === 45) {
      negative = true;
      start++;
    } else if (code === 43) {
      plain = false;
      start++;
    } else if (code === 40 && text.charCodeAt(end - 1) === 41) {
      // Accounting notation: (12.50) is a negative amount.
      plain = false;
      negative = true;
      start++;
      end--;
    }
    if (!negative && end - start > 1 && text.charCodeAt(end - 1) === 45) {
      // ERP exports (e.g. SAP) write returns with a trailing minus: "12-".
      plain = false;
      negative = true;
      end--;
    }
    // A leading zero is plain only as the single integer digit ("0.5", not "007").
    if (text.charCodeAt(start) === 48 && start + 1 < end && text.charCodeAt(start + 1) !== this.decimalCode) {
      plain = false;
    }
    let units = 0;
    let integerDigits = 0;
    let fractionDigits = 0;
    let pendingZeros = 0;
    let anyDigit = false;
    let inFraction = false;
    let groupDigits = 0;
    let grouped = false;
    let written = -1;
    for (let index = start; index < end; index++) {
      code = text.charCodeAt(index);
      if (code >= 48 && code <= 57) {
        anyDigit = true;
        if (inFraction) {
          if (code === 48) {
            pendingZeros++;
            continue;
          }
          fractionDigits += pendingZeros + 1;
          if (fractionDigits > maxDecimals) return decimalTooPrecise;
          units = units * pow10Of(pendingZeros + 1) + (code - 48);
          pendingZeros = 0;
        } else {
          groupDigits++;
          if (units === 0 && code === 48) continue;
          if (++integerDigits > 10) return decimalAbsurd;
          units = units * 10 + (code - 48);
        }
      } else if (code === this.decimalCode && !inFraction) {
        if (grouped && groupDigits !== 3) return decimalInvalid;
        inFraction = true;
        written = index;
      } else if (
        !inFraction &&
        (code === this.thousandsCode || (this.spaceGrouping && (code === 0xa0 || code === 0x202f)))
      ) {
        if (groupDigits === 0 || groupDigits > 3 || (grouped && groupDigits !== 3)) return decimalInvalid;
        grouped = true;
        plain = false;
        groupDigits = 0;
      } else {
        return decimalInvalid;
      }
    }
    if (!anyDigit || (grouped && !inFraction && groupDigits !== 3)) return decimalInvalid;
    if (units > absurdLimit * pow10Of(fractionDigits)) return decimalAbsurd;
    this.units = units;
    this.scale = fractionDigits;
    this.negative = negative && units !== 0;
    this.writtenDecimals = written < 0 ? 0 : end - written - 1;
    // "1." or "-0" are readable but not plain.
    this.plain = plain && (written < 0 || this.writtenDecimals > 0) && (!negative || units !== 0);
    return decimalOk;
  }
}

/** Exact product of two non-negative safe integers. */
export function multiplyUnits(left: Units, right: Units): Units {
  if (typeof left === 'number' && typeof right === 'number') {
    const product = left * right;
    // A true product ≥ 2^53 never rounds below 2^53, so a safe result is an exact one.
    if (product <= Number.MAX_SAFE_INTEGER) return product;
  }
  return BigInt(left) * BigInt(right);
}

/** `units × 10^exponent`, exactly. */
export function scaleUp(units: Units, exponent: number): Units {
  if (exponent === 0) return units;
  if (typeof units === 'number') {
    const scaled = units * pow10Of(exponent);
    if (scaled <= Number.MAX_SAFE_INTEGER) return scaled;
  }
  return BigInt(units) * bigPow10(exponent);
}

/**
 * Rescales non-negative units from `fromScale` to `toScale` decimals, rounding half to even: on numbers
 * while they are exact (the hot path of ingestion), else on bigints.
 */
export function roundUnitsHalfEven(units: Units, fromScale: number, toScale: number): Units {
  if (toScale >= fromScale) return scaleUp(units, toScale - fromScale);
  if (typeof units === 'number' && fromScale - toScale <= 15) {
    const divisor = pow10Of(fromScale - toScale);
    const remainder = units % divisor;
    let quotient = (units - remainder) / divisor;
    const twice = remainder * 2;
    if (twice > divisor || (twice === divisor && quotient % 2 === 1)) quotient += 1;
    return quotient;
  }
  // Past a number's exact range, the money kernel's one half-even rounding.
  return roundHalfEven(BigInt(units), fromScale, toScale);
}

/** Whether two signed scaled values differ by at most `10^-toleranceScale` (one minor unit). */
export function withinOneMinorUnit(
  left: Units,
  leftScale: number,
  leftNegative: boolean,
  right: Units,
  rightScale: number,
  rightNegative: boolean,
  toleranceScale: number,
): boolean {
  const common = Math.max(leftScale, rightScale, toleranceScale);
  const a = scaleUp(left, common - leftScale);
  const b = scaleUp(right, common - rightScale);
  const tolerance = scaleUp(1, common - toleranceScale);
  if (typeof a === 'number' && typeof b === 'number' && typeof tolerance === 'number') {
    const difference = Math.abs((leftNegative ? -a : a) - (rightNegative ? -b : b));
    if (difference <= Number.MAX_SAFE_INTEGER) return difference <= tolerance;
  }
  const bigA = leftNegative ? -BigInt(a) : BigInt(a);
  const bigB = rightNegative ? -BigInt(b) : BigInt(b);
  const difference = bigA > bigB ? bigA - bigB : bigB - bigA;
  return difference <= BigInt(tolerance);
}

/** Whether `units × 10^-scale` exceeds `absurdLimit`. */
export function isAbsurd(units: Units, scale: number): boolean {
  if (typeof units === 'number' && scale <= 15) return units > absurdLimit * pow10Of(scale);
  return BigInt(units) > BigInt(absurdLimit) * bigPow10(scale);
}

/**
 * Canonical text of a scaled value: `-` for negatives (never "-0"), trailing fractional zeros dropped down to
 * `minScale` decimals and padded up to it. (36, 0) → "36"; (15, 2) → "0.15"; (5, 0, min 2) → "5.00".
 */
export function decimalString(units: Units, scale: number, negative: boolean, minScale = 0): string {
  if (scale === 0 && minScale === 0) {
    const text = String(units);
    return negative && units !== 0 && units !== 0n ? `-${text}` : text;
  }
  if (units === 0 || units === 0n) return minScale === 0 ? '0' : `0.${'0'.repeat(minScale)}`;
  let digits = String(units);
  let decimals = scale;
  let end = digits.length;
  while (decimals > minScale && digits.charCodeAt(end - 1) === 48) {
    end--;
    decimals--;
  }
  if (end !== digits.length) digits = digits.slice(0, end);
  if (decimals < minScale) {
    digits += '0'.repeat(minScale - decimals);
    decimals = minScale;
  }
  let text: string;
  if (decimals === 0) {
    text = digits;
  } else {
    if (digits.length <= decimals) digits = '0'.repeat(decimals - digits.length + 1) + digits;
    const point = digits.length - decimals;
    text = `${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  return negative ? `-${text}` : text;
}
