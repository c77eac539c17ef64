import { Money, type MoneyValue } from '../shared/money/money';

/** Units received on one day at one unit cost: what FIFO layers stock by. */
export interface Receipt {
  readonly date: string;
  /** Decimal string, ≥ 0, base units. */
  readonly quantity: string;
  /** Book cost per base unit in force on `date` (decimal string). */
  readonly unitCost: string;
  /** Shipped to the partner but not yet received on `date`: newer than that day's receipts. */
  readonly inTransit?: true;
}

/** Units on hand that came from one receipt. */
export type StockLayer = Receipt;

const newestFirst = (a: Receipt, b: Receipt) =>
  b.date.localeCompare(a.date) || Number(b.inTransit ?? false) - Number(a.inTransit ?? false);

/**
 * Which receipts the units on hand came from, first in first out: what was sold went out oldest first, so
 * the `onHand` units are the newest receipts. Units older than every receipt given (stock from before the
 * eligibility window) are returned as `unlayered`; they are not protected.
 */
export function layerOnHand(
  onHand: string,
  receipts: readonly Receipt[],
): { readonly layers: StockLayer[]; readonly unlayered: string } {
  let remaining: MoneyValue = Money.max(new Money(onHand), 0);

  const layers: StockLayer[] = [];
  for (const receipt of [...receipts].sort(newestFirst)) {
    if (remaining.isZero()) break;
    const received = new Money(receipt.quantity);
    if (received.lte(0)) continue;
    const taken = Money.min(received, remaining);
    layers.push({ ...receipt, quantity: taken.toFixed() });
    remaining = remaining.minus(taken);
  }
  return { layers: layers.reverse(), unlayered: remaining.toFixed() };
}
