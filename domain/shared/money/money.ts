import { Decimal } from 'decimal.js';
import { z } from 'zod';

/**
 * Decimal arithmetic for money: 40 significant digits and banker's rounding (half-even) unless a caller
 * names another mode. Never use JavaScript numbers for amounts.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type MoneyValue = InstanceType<typeof Money>;

/** ISO 4217 currencies ChRM accepts, with their minor units (decimal places of the smallest coin). */
export const currencyMinorUnits = {
  AUD: 2,
  BRL: 2,
  CAD: 2,
  CHF: 2,
  CNY: 2,
  EUR: 2,
  GBP: 2,
  INR: 2,
  JPY: 0,
  MXN: 2,
  SEK: 2,
  USD: 2,
} as const;
export type CurrencyCode = keyof typeof currencyMinorUnits;
export const currencyCodeSchema = z.enum(
  Object.keys(currencyMinorUnits) as [CurrencyCode, ...CurrencyCode[]],
);

/** Unit prices may carry up to 6 decimals (e.g. $0.123456 per each); amounts are rounded at defined points. */
export const unitPriceDecimals = 6;

/** A non-negative decimal string such as "12.50" (no exponent, no sign, no thousands separators). */
export const unitPriceSchema = z
  .string()
  .regex(
    /^\d{1,12}(\.\d{1,6})?$/,
    'must be a non-negative decimal string with at most 6 decimals, e.g. "12.50"',
  );

/**
 * Canonical text of a unit price: at least the currency's minor units, no trailing zeros beyond them.
 * "12.5" USD → "12.50", "0.123400" USD → "0.1234", "1200" JPY → "1200".
 */
export function canonicalUnitPrice(amount: string, currency: CurrencyCode): string {
  const value = new Money(amount);
  const minor = currencyMinorUnits[currency];
  return value.toFixed(Math.max(minor, value.decimalPlaces()));
}
