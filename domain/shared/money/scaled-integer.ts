import { ValidationError } from '../errors';

/**
 * The engine's exact integer scales. Line quantities and amounts are integers of 1e-6 (the finest unit price
 * ChRM accepts); rates are integers of 1e-8 (a 6-decimal percentage is a fraction with 8 decimals); a volume
 * times a rate is therefore an integer of 1e-14, the scale of every unrounded amount.
 */
export const VOLUME_DECIMALS = 6;
export const RATE_DECIMALS = 8;
export const AMOUNT_DECIMALS = VOLUME_DECIMALS + RATE_DECIMALS;

/** Largest line value at 1e-6: 9 integer digits keep every line, and sums well below 2^53, exact. */
const maxLineDigits = 9;
const decimalPattern = /^(-)?(\d+)(?:\.(\d+))?$/;
/** 10^k for the fraction digits a line value can have: a lookup, not `10 **`, in a million-line loop. */
const fractionScale = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

/** 10^decimals as a bigint. */
export function powerOfTen(decimals: number): bigint {
  return 10n ** BigInt(decimals);
}

/** Parses a decimal string into an integer of 10^-decimals, exactly; refuses more decimals than that. */
export function parseScaled(text: string, decimals: number): bigint {
  const match = decimalPattern.exec(text);
  const digits = match?.[2];
  if (match === null || digits === undefined) throw new ValidationError(`'${text}' is not a decimal number`);
  const fraction = match[3] ?? '';
  if (fraction.length > decimals) {
    throw new ValidationError(`'${text}' has more than ${decimals} decimals`);
  }
  const value = BigInt(digits + fraction.padEnd(decimals, '0'));
  return match[1] === '-' ? -value : value;
}

/**
 * Parses a line quantity or amount into a JavaScript integer of 1e-6. The hot loop adds these as numbers,
 * which stays exact while every partial sum is a safe integer (see `addExact`). Hand-written rather than a
 * regular expression: it runs twice per line on a million lines. Accepts exactly `-?\d+(\.\d+)?`.
 */
export function parseLineDecimal(text: string): number {
  const length = text.length;
  let index = length > 0 && text.charCodeAt(0) === 45 ? 1 : 0;
  const negative = index === 1;
  let whole = 0;
  let wholeDigits = 0;
  for (; index < length; index++) {
    const code = text.charCodeAt(index) - 48;
    if (code < 0 || code > 9) break;
    whole = whole * 10 + code;
    wholeDigits++;
  }
  let fraction = 0;
  let fractionDigits = 0;
  let valid = wholeDigits > 0;
  if (index < length && text.charCodeAt(index) === 46) {
    for (index++; index < length; index++) {
      const code = text.charCodeAt(index) - 48;
      if (code < 0 || code > 9) break;
      fraction = fraction * 10 + code;
      fractionDigits++;
    }
    valid &&= fractionDigits > 0;
  }
  if (!valid || index !== length) throw new ValidationError(`'${text}' is not a decimal number`);
  if (wholeDigits > maxLineDigits || fractionDigits > VOLUME_DECIMALS) {
    throw new ValidationError(`'${text}' needs at most ${maxLineDigits} digits before and 6 after the point`);
  }
  const value = whole * 1_000_000 + fraction * (fractionScale[fractionDigits] as number);
  return negative && value !== 0 ? -value : value;
}

/** Adds two safe integers, refusing a sum that would lose exactness rather than silently rounding it. */
export function addExact(a: number, b: number): number {
  const sum = a + b;
  if (sum > Number.MAX_SAFE_INTEGER || sum < -Number.MAX_SAFE_INTEGER) {
    throw new RangeError('volume sum exceeds the exact integer range; split the run into smaller pools');
  }
  return sum;
}

/** Integer division rounding toward negative infinity (bigint `/` truncates toward zero). */
export function floorDiv(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  return remainder !== 0n && remainder < 0n !== denominator < 0n ? quotient - 1n : quotient;
}

/** `numerator / denominator` rounded half to even (banker's rounding). */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const n = denominator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = floorDiv(n, d);
  const twiceRemainder = 2n * (n - quotient * d);
  if (twiceRemainder > d) return quotient + 1n;
  if (twiceRemainder < d) return quotient;
  return quotient % 2n === 0n ? quotient : quotient + 1n;
}

/** Rounds an integer of 10^-fromDecimals to 10^-toDecimals, half to even. */
export function roundHalfEven(value: bigint, fromDecimals: number, toDecimals: number): bigint {
  if (toDecimals >= fromDecimals) return value * powerOfTen(toDecimals - fromDecimals);
  return divideHalfEven(value, powerOfTen(fromDecimals - toDecimals));
}

/**
 * Writes an integer of 10^-decimals as a decimal string, trailing zeros trimmed but keeping at least
 * `minDecimals` decimals: (123450n, 4, 2) → "12.345", (120000n, 4, 2) → "12.00".
 */
export function formatScaled(value: bigint, decimals: number, minDecimals = 0): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, '0');
  const integerPart = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const text = fraction.length > 0 ? `${integerPart}.${fraction}` : integerPart;
  return negative ? `-${text}` : text;
}
