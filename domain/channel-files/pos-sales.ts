import { currencyMinorUnits, Money, type MoneyValue } from '../shared/money/money';
import type { StoredLine } from './ports';

/** What reports of sell-through read of a stored POS sale line. */
export interface PosSaleFact {
  readonly sourceFileId: string;
  readonly invoiceNumber: string;
  readonly invoiceLine: string;
  readonly invoiceDate: string;
  readonly sku: string;
  /** Decimal string in the product's base unit; negative for a return. */
  readonly quantity: string;
  readonly amount: { readonly amount: string; readonly currency: string };
  readonly endCustomerId?: string;
  readonly endCustomerName?: string;
}

/** The facts of a stored sale line (fields it lacks read as empty). */
export function posSaleFact(line: StoredLine): PosSaleFact {
  const text = (name: string) => (typeof line[name] === 'string' ? (line[name] as string) : '');
  const optional = (name: string) => (text(name) === '' ? {} : { [name]: text(name) });
  return {
    sourceFileId: text('sourceFileId'),
    invoiceNumber: text('invoiceNumber'),
    invoiceLine: text('invoiceLine'),
    invoiceDate: text('invoiceDate'),
    sku: text('sku'),
    quantity: text('quantity') || '0',
    amount: { amount: text('extendedAmount') || '0', currency: text('currency') },
    ...optional('endCustomerId'),
    ...optional('endCustomerName'),
  };
}

/** Exact sum of decimal strings ("36" + "-4" → "32"). */
export const sumQuantities = (quantities: readonly string[]): string =>
  quantities.reduce((sum, quantity) => sum.plus(quantity), new Money(0)).toFixed();

/**
 * Amounts summed exactly per currency, one total each in currency order, written with the currency's minor
 * units ("12.5" + "0.75" USD → "13.25"). Amounts of different currencies are never added together.
 */
export function totalsPerCurrency(
  amounts: readonly { readonly amount: string; readonly currency: string }[],
): { amount: string; currency: string }[] {
  const sums = new Map<string, MoneyValue>();
  for (const { amount, currency } of amounts) {
    sums.set(currency, (sums.get(currency) ?? new Money(0)).plus(amount));
  }
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sum]) => {
      const minor = currencyMinorUnits[currency as keyof typeof currencyMinorUnits];
      return { amount: minor === undefined ? sum.toFixed() : sum.toFixed(minor), currency };
    });
}
