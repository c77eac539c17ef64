import { type CurrencyCode, currencyMinorUnits } from './money';
import { formatScaled, parseScaled } from './scaled-integer';

// Ledger amounts are summed over many postings, so they are added as exact integers of the currency's
// minor unit (cents, yen) and only written back as text at the edge.
const canonicalPattern = /^-?(0|[1-9]\d{0,17})(\.\d+)?$/;

/**
 * Whether `text` is a canonical signed ledger amount with exactly the currency's minor units:
 * "-12.30" and "0.00" for USD, "1200" for JPY; "12.3", "012.30", "-0.00", "+1.00" and "1e3" are not.
 */
export function isLedgerAmount(text: string, currency: CurrencyCode): boolean {
  const match = canonicalPattern.exec(text);
  // "-0.00" would read as a reversal of nothing.
  if (match === null || /^-0(\.0+)?$/.test(text)) return false;
  const minorUnits = currencyMinorUnits[currency];
  const fraction = match[2];
  return minorUnits === 0 ? fraction === undefined : fraction?.length === minorUnits + 1;
}

/** A ledger amount as an integer of the currency's minor unit: ("-12.30", USD) → -1230n. */
export function toMinorUnits(amount: string, currency: CurrencyCode): bigint {
  return parseScaled(amount, currencyMinorUnits[currency]);
}

/** An integer of the currency's minor unit as a ledger amount: (-1230n, USD) → "-12.30". */
export function fromMinorUnits(value: bigint, currency: CurrencyCode): string {
  const minorUnits = currencyMinorUnits[currency];
  return formatScaled(value, minorUnits, minorUnits);
}
