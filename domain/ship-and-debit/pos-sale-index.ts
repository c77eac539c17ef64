import type { IsoDate } from '../shared/iso-date';
import type { DebitClaimLine } from './debit-claim-line';

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

type Quantities = Map<string, number>;

/** The inner map of `outer` under `key`, made when missing. */
function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (map === undefined) {
    map = new Map();
    outer.set(key, map);
  }
  return map;
}

const addTo = (quantities: Quantities | undefined, key: string, units: number): void => {
  const sum = quantities?.get(key);
  if (quantities !== undefined && sum !== undefined) quantities.set(key, sum + units);
};

/**
 * The POS evidence for one claim, gathered as a hash join with the claim as the build side: the claim's
 * lines say which invoice lines, invoices and products, and customer/product/date triples matter; then each
 * POS sale streams through `add` (a few map lookups on its own strings, nothing kept unless a claim line
 * asks for it), and `backs` answers per claim line with one lookup. A million POS lines are never indexed.
 */
export class PosSaleIndex {
  /** invoice → its invoice lines' and its products' net quantities (one lookup per sale for both). */
  private readonly byInvoice = new Map<
    string,
    { readonly lines: Quantities; readonly products: Quantities }
  >();
  /** end customer → product → ship date → net quantity. */
  private readonly byResale = new Map<string, Map<string, Quantities>>();

  constructor(claimLines: Iterable<DebitClaimLine>) {
    for (const line of claimLines) {
      let invoice = this.byInvoice.get(line.invoiceNumber);
      if (invoice === undefined) {
        invoice = { lines: new Map(), products: new Map() };
        this.byInvoice.set(line.invoiceNumber, invoice);
      }
      if (line.invoiceLine !== undefined) invoice.lines.set(line.invoiceLine, 0);
      invoice.products.set(line.productSku, 0);
      inner(inner(this.byResale, line.endCustomerId), line.productSku).set(line.shipDate, 0);
    }
  }

  /** The index for `claimLines` with every sale of `sales` added. */
  static of(claimLines: Iterable<DebitClaimLine>, sales: Iterable<PosSale>): PosSaleIndex {
    const index = new PosSaleIndex(claimLines);
    for (const sale of sales) index.add(sale);
    return index;
  }

  /** Counts one POS sale toward the claim lines it may back. */
  add(sale: PosSale): void {
    const invoice = this.byInvoice.get(sale.invoiceNumber);
    if (invoice !== undefined) {
      if (sale.invoiceLine !== undefined) addTo(invoice.lines, sale.invoiceLine, sale.quantity);
      addTo(invoice.products, sale.productSku, sale.quantity);
    }
    addTo(this.byResale.get(sale.endCustomerId)?.get(sale.productSku), sale.shipDate, sale.quantity);
  }

  /**
   * Whether POS sales back the claim line: the same invoice line (or, without one, the same invoice and
   * product), else the same end customer, product and ship date; either with a net quantity within
   * `toleranceBasisPoints` of the claimed quantity (0 = exact, 500 = ±5 %).
   */
  backs(line: DebitClaimLine, toleranceBasisPoints: number): boolean {
    const within = (sold: number | undefined): boolean =>
      sold !== undefined &&
      sold !== 0 &&
      Math.abs(sold - line.quantity) * 10_000 <= line.quantity * toleranceBasisPoints;
    const invoice = this.byInvoice.get(line.invoiceNumber);
    const byInvoice =
      line.invoiceLine === undefined
        ? invoice?.products.get(line.productSku)
        : invoice?.lines.get(line.invoiceLine);
    return (
      within(byInvoice) ||
      within(this.byResale.get(line.endCustomerId)?.get(line.productSku)?.get(line.shipDate))
    );
  }
}
