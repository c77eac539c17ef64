import type { IsoDate } from '../shared/iso-date';
import { type DebitClaimLine, invoiceLineKey } from './debit-claim-line';

/** A resale line of the partner's sell-through (POS) data, as far as claim validation needs it. */
export interface PosSale {
  readonly invoiceNumber: string;
  readonly invoiceLine?: string;
  readonly endCustomerId: string;
  readonly productSku: string;
  readonly shipDate: IsoDate;
  /** Whole units; returns are negative and net out the sale they reverse. */
  readonly quantity: number;
}

const resaleKey = (customer: string, sku: string, date: string): string =>
  `${customer}\u0000${sku}\u0000${date}`;

/**
 * The partner's POS lines indexed once, so checking 100,000 claim lines is one map lookup each, never a scan:
 * net quantity by invoice line (and by invoice and product), and by end customer, product and ship date.
 */
export class PosSaleIndex {
  private readonly byInvoice = new Map<string, number>();
  private readonly byResale = new Map<string, number>();

  constructor(sales: Iterable<PosSale>) {
    for (const sale of sales) {
      const keys = [invoiceLineKey({ invoiceNumber: sale.invoiceNumber, productSku: sale.productSku })];
      if (sale.invoiceLine !== undefined)
        keys.push(invoiceLineKey({ ...sale, invoiceLine: sale.invoiceLine }));
      for (const key of keys) this.byInvoice.set(key, (this.byInvoice.get(key) ?? 0) + sale.quantity);
      const resale = resaleKey(sale.endCustomerId, sale.productSku, sale.shipDate);
      this.byResale.set(resale, (this.byResale.get(resale) ?? 0) + sale.quantity);
    }
  }

  /**
   * Whether a POS line backs the claim line: the same invoice line (or invoice and product), else the same
   * end customer, product and ship date; either with a net quantity within `toleranceBasisPoints` of the
   * claimed quantity (0 = exact, 500 = ±5 %).
   */
  backs(line: DebitClaimLine, toleranceBasisPoints: number): boolean {
    const within = (sold: number | undefined): boolean =>
      sold !== undefined && Math.abs(sold - line.quantity) * 10_000 <= line.quantity * toleranceBasisPoints;
    return (
      within(this.byInvoice.get(invoiceLineKey(line))) ||
      within(this.byResale.get(resaleKey(line.endCustomerId, line.productSku, line.shipDate)))
    );
  }
}
