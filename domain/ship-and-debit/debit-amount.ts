import { type CurrencyCode, currencyMinorUnits } from '../shared/money/money';
import { divideHalfEven, formatScaled, parseScaled } from '../shared/money/scaled-integer';
import type { PricingMethod } from './debit-authorization';

/**
 * Ship & debit credit arithmetic on exact scaled integers (bigint), never floats. Unit prices carry up to 6
 * decimals (1e-6); a percent up to 4 decimals is a fraction of 1e-6; so every exact amount is an integer of
 * 1e-12 (`exactScale`). Rounding happens once per claim line, on the line amount, half to even, to the
 * currency's minor units: rounding the unit credit first would lose sub-cent credits on low-value parts.
 */
export const priceScale = 6;
export const exactScale = 12;
const toExact = 10n ** BigInt(exactScale - priceScale);
/** 10^(12 − d) for d = 0…6: the divisors that round an exact amount to d decimals, computed once, not per line. */
const roundingDivisors = Array.from(
  { length: priceScale + 1 },
  (_, decimals) => 10n ** BigInt(exactScale - decimals),
);
const roundExact = (value: bigint, decimals: number): bigint =>
  divideHalfEven(value, roundingDivisors[decimals] ?? 10n ** BigInt(exactScale - decimals));

/** Whether text is a non-negative decimal with at most 6 decimals ("700", "2.50"), the only spelling parsed here. */
export const isPlainDecimal = (text: string): boolean => /^\d{1,12}(\.\d{1,6})?$/.test(text);

const digit0 = 48;
/** 10^(6 − k) for a fraction of k digits, k = 0…6. */
const fractionScale = [1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];
/** Integer parts below this keep integer × 1e6 + fraction under 2^53, so a Number holds the value exactly. */
const exactIntegerPartLimit = 9_000_000_000;

/**
 * `isPlainDecimal(text) ? parsePrice(text) : undefined` in one pass over the characters, without a regular
 * expression or a map of earlier texts: claim validation reads several prices a line, and at 100,000 lines a
 * memo of them costs more in cold lookups than parsing. The integer part (≤ 12 digits) and the fraction
 * (≤ 6) are exact Numbers; they meet in a Number when that stays below 2^53, else in bigints.
 */
export function parsePlainPrice(text: string): bigint | undefined {
  const length = text.length;
  let integer = 0;
  let index = 0;
  for (; index < length; index++) {
    const code = text.charCodeAt(index) - digit0;
    if (code < 0 || code > 9) break;
    integer = integer * 10 + code;
  }
  if (index === 0 || index > 12) return undefined;
  let fraction = 0;
  let fractionDigits = 0;
  if (index < length) {
    if (text.charCodeAt(index) !== 46 || index === length - 1 || length - index - 1 > priceScale)
      return undefined;
    for (index++; index < length; index++, fractionDigits++) {
      const code = text.charCodeAt(index) - digit0;
      if (code < 0 || code > 9) return undefined;
      fraction = fraction * 10 + code;
    }
  }
  const micros = fraction * (fractionScale[fractionDigits] as number);
  return integer < exactIntegerPartLimit
    ? BigInt(integer * 1_000_000 + micros)
    : BigInt(integer) * 1_000_000n + BigInt(micros);
}

/** A unit price or amount as an integer of 1e-6 ("25.00" → 25_000_000n). */
export const parsePrice = (text: string): bigint => parseScaled(text, priceScale);

/** A percent with at most 4 decimals as a fraction of 1e-6 ("6" → 60_000n, i.e. 0.06). */
export const parsePercentFraction = (text: string): bigint => parseScaled(text, 4);

/** What one claim line is owed under its authorization line's pricing, before and after rounding. */
export interface DebitLineAmount {
  /** Credit per unit, exact at 1e-12 (0 for fixedPerClaim, which does not price units). */
  readonly unitCreditExact: bigint;
  /** Line credit, exact at 1e-12: never negative, never above book × quantity. */
  readonly amountExact: bigint;
  /** Line credit in the currency's minor units, rounded half to even. */
  readonly amountMinor: bigint;
}

/** Parsed pricing: the method with its figure at the scale the arithmetic uses. */
export interface ScaledPricing {
  readonly method: PricingMethod['method'];
  /** downTo: authorized cost (1e-6); downBy: amount per unit (1e-6); downByPercent: fraction (1e-6); fixedPerClaim: amount (1e-6). */
  readonly figure: bigint;
}

/** Parses a pricing method once, so a 100,000-line file does not parse it per line. */
export function scalePricing(pricing: PricingMethod): ScaledPricing {
  switch (pricing.method) {
    case 'downTo':
      return { method: pricing.method, figure: parsePrice(pricing.authorizedCost) };
    case 'downBy':
      return { method: pricing.method, figure: parsePrice(pricing.amountPerUnit) };
    case 'downByPercent':
      return { method: pricing.method, figure: parsePercentFraction(pricing.percent) };
    case 'fixedPerClaim':
      return { method: pricing.method, figure: parsePrice(pricing.amount) };
  }
}

const max0 = (value: bigint): bigint => (value < 0n ? 0n : value);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** Credit per unit, exact at 1e-12, clamped to [0, book]: a deal never credits more than the book cost. */
export function unitCreditExact(pricing: ScaledPricing, bookCost: bigint): bigint {
  const book = max0(bookCost) * toExact;
  switch (pricing.method) {
    case 'downTo':
      return min(book, max0(book - pricing.figure * toExact));
    case 'downBy':
      return min(book, max0(pricing.figure * toExact));
    case 'downByPercent':
      return min(book, max0(bookCost) * max0(pricing.figure));
    case 'fixedPerClaim':
      return 0n;
  }
}

/**
 * The credit a claim line earns: `quantity` units (a non-negative integer) resold at `bookCost` (1e-6).
 * Example (40 units, book 25.00): downTo 21.75 → 130.00; downBy 2.00 → 80.00; downByPercent 6 → 60.00.
 */
export function debitLineAmount(
  pricing: ScaledPricing,
  bookCost: bigint,
  quantity: number,
  currency: CurrencyCode,
): DebitLineAmount {
  const units = BigInt(Math.max(quantity, 0));
  const unitCredit = unitCreditExact(pricing, bookCost);
  const amountExact =
    pricing.method === 'fixedPerClaim'
      ? min(max0(pricing.figure), max0(bookCost) * units) * toExact
      : unitCredit * units;
  return {
    unitCreditExact: unitCredit,
    amountExact,
    amountMinor: roundExact(amountExact, currencyMinorUnits[currency]),
  };
}

/** The net unit cost the authorization grants (book − credit), rounded half to even to 6 decimals. */
export function authorizedUnitCost(pricing: ScaledPricing, bookCost: bigint): bigint {
  if (pricing.method === 'fixedPerClaim') return bookCost;
  return roundExact(max0(bookCost) * toExact - unitCreditExact(pricing, bookCost), priceScale);
}

/** A price at 1e-6 as text with at least the currency's minor units ("21.75"). */
export const priceText = (value: bigint, currency: CurrencyCode): string =>
  formatScaled(value, priceScale, currencyMinorUnits[currency]);
