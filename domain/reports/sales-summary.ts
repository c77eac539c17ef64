import type { SaleLine } from '../accruals/sale-line';
import { type CurrencyCode, currencyMinorUnits } from '../shared/money/money';
import { formatScaled, parseLineDecimal, VOLUME_DECIMALS } from '../shared/money/scaled-integer';

/** A partner's sales of one product category in one currency in one month: what reports read instead of lines. */
export interface SalesCell {
  readonly category: string;
  readonly currency: CurrencyCode;
  /** Σ quantity in the base unit of measure, exact. */
  readonly quantity: string;
  /** Σ extended amount in `currency`, exact (at least the currency's minor units). */
  readonly revenue: string;
  readonly lines: number;
}

/** A partner's units sold of one product in one month (returns netted): the scorecard's sell-through. */
export interface ProductSellThrough {
  readonly sku: string;
  /** Σ quantity in the base unit of measure, exact. */
  readonly quantity: string;
}

/** One partner's sales in one invoice month (`YYYY-MM`), by category and currency, and units by product. */
export interface PartnerMonthSales {
  readonly month: string;
  readonly partnerId: string;
  readonly cells: readonly SalesCell[];
  /** Sorted by SKU. Summaries written before products were summed have none (read back as empty). */
  readonly products: readonly ProductSellThrough[];
}

// Partial sums stay JavaScript integers of 1e-6 (fast on a million lines) and move into a bigint before
// they could leave the exact range: a line value is below 1e15, so a sum below 2^52 plus one stays exact.
const flushAt = 2 ** 52;

class ExactSum {
  private small = 0;
  private big = 0n;

  add(value: number): void {
    const sum = this.small + value;
    if (Math.abs(sum) >= flushAt) {
      this.big += BigInt(sum);
      this.small = 0;
    } else this.small = sum;
  }

  total(): bigint {
    return this.big + BigInt(this.small);
  }
}

interface CellSums {
  readonly category: string;
  readonly currency: CurrencyCode;
  readonly quantity: ExactSum;
  readonly revenue: ExactSum;
  lines: number;
}

/**
 * The lines summed per (invoice month, partner, category, currency), exactly, sorted by month, partner and
 * cell. An accrual run calls it on the lines it already read, so no report ever reads lines again.
 */
export function summarizeSales(lines: readonly SaleLine[]): PartnerMonthSales[] {
  const partners = new Map<string, { cells: Map<string, CellSums>; products: Map<string, ExactSum> }>();
  for (const line of lines) {
    const partnerKey = `${line.invoiceDate.slice(0, 7)}\u001f${line.partnerId}`;
    let partner = partners.get(partnerKey);
    if (partner === undefined) {
      partner = { cells: new Map(), products: new Map() };
      partners.set(partnerKey, partner);
    }
    const { cells, products } = partner;
    const cellKey = `${line.category}\u001f${line.currency}`;
    let cell = cells.get(cellKey);
    if (cell === undefined) {
      cell = {
        category: line.category,
        currency: line.currency,
        quantity: new ExactSum(),
        revenue: new ExactSum(),
        lines: 0,
      };
      cells.set(cellKey, cell);
    }
    const quantity = parseLineDecimal(line.quantityBase);
    cell.quantity.add(quantity);
    cell.revenue.add(parseLineDecimal(line.extendedAmount));
    cell.lines++;
    let sold = products.get(line.sku);
    if (sold === undefined) {
      sold = new ExactSum();
      products.set(line.sku, sold);
    }
    sold.add(quantity);
  }
  return [...partners.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, { cells, products }]) => {
      const [month = '', partnerId = ''] = key.split('\u001f');
      return {
        month,
        partnerId,
        cells: [...cells.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, cell]) => ({
            category: cell.category,
            currency: cell.currency,
            quantity: formatScaled(cell.quantity.total(), VOLUME_DECIMALS),
            revenue: formatScaled(cell.revenue.total(), VOLUME_DECIMALS, currencyMinorUnits[cell.currency]),
            lines: cell.lines,
          })),
        products: [...products.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([sku, sold]) => ({ sku, quantity: formatScaled(sold.total(), VOLUME_DECIMALS) })),
      };
    });
}
