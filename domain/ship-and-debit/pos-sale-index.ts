import type { IsoDate } from '../shared/iso-date';
import type { DebitClaimLine } from './debit-claim-line';
import { hashOf, KeyFilter } from './key-filter';

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

/**
 * Net quantities under the keys a claim asks for: an invoice has a line or two, a customer and product a
 * ship date or two, so the first key is held in place and any further ones in a Map made only for them
 * (100,000 claim lines would otherwise make 200,000 Maps of one entry each).
 */
class Quantities {
  private sum = 0;
  private more: Map<string, number> | undefined;

  constructor(private readonly key: string) {}

  /** Starts counting `key` (at 0) if it is not counted yet. */
  track(key: string): void {
    if (key === this.key) return;
    this.more ??= new Map();
    if (!this.more.has(key)) this.more.set(key, 0);
  }

  /** Adds `units` to `key`'s quantity when `key` is counted. */
  add(key: string, units: number): void {
    if (key === this.key) {
      this.sum += units;
      return;
    }
    const sum = this.more?.get(key);
    if (sum !== undefined) this.more?.set(key, sum + units);
  }

  /** The net quantity of `key`; undefined when it is not counted. */
  get(key: string): number | undefined {
    return key === this.key ? this.sum : this.more?.get(key);
  }
}

/** One invoice's invoice lines' and products' net quantities. */
interface InvoiceQuantities {
  lines: Quantities | undefined;
  readonly products: Quantities;
}

/** Whether a net POS quantity backs `claimed` units within the tolerance. */
const within = (sold: number | undefined, claimed: number, toleranceBasisPoints: number): boolean =>
  sold !== undefined && sold !== 0 && Math.abs(sold - claimed) * 10_000 <= claimed * toleranceBasisPoints;

/** `key`'s quantities in `map`, started with `key` counted when missing. */
function track(map: Map<string, Quantities>, key: string, counted: string): void {
  const quantities = map.get(key);
  if (quantities === undefined) map.set(key, new Quantities(counted));
  else quantities.track(counted);
}

/**
 * The POS evidence for one claim, gathered as a hash join with the claim as the build side: the claim's
 * lines say which invoice lines, invoices and products, and customer/product/date triples matter; then each
 * POS sale streams through `add` (a few map lookups on its own strings, nothing kept unless a claim line
 * asks for it), and `backs` answers per claim line with one lookup. A million POS lines are never indexed.
 */
export class PosSaleIndex {
  /** invoice → its invoice lines' and its products' net quantities (one lookup per sale for both). */
  private readonly byInvoice = new Map<string, InvoiceQuantities>();
  /** Each claim line's invoice entry, by the line's position: `backs` finds it without a lookup. */
  private readonly invoiceAt: InvoiceQuantities[] = [];
  /** end customer → product → ship date → net quantity. */
  private readonly byResale = new Map<string, Map<string, Quantities>>();
  /** Invoices, and end customer + product pairs, of the claim's lines. */
  private readonly invoices: KeyFilter;
  private readonly resales: KeyFilter;

  constructor(private readonly claimLines: readonly DebitClaimLine[]) {
    this.invoices = new KeyFilter(claimLines.length);
    this.resales = new KeyFilter(claimLines.length);
    for (const line of claimLines) {
      this.invoices.add(hashOf(line.invoiceNumber));
      this.resales.add(hashOf(line.productSku, hashOf(line.endCustomerId)));
      const invoice = this.byInvoice.get(line.invoiceNumber);
      const invoiceLine = line.invoiceLine;
      if (invoice === undefined) {
        const added = {
          lines: invoiceLine === undefined ? undefined : new Quantities(invoiceLine),
          products: new Quantities(line.productSku),
        };
        this.byInvoice.set(line.invoiceNumber, added);
        this.invoiceAt.push(added);
      } else {
        this.invoiceAt.push(invoice);
        if (invoiceLine !== undefined) {
          if (invoice.lines === undefined) invoice.lines = new Quantities(invoiceLine);
          else invoice.lines.track(invoiceLine);
        }
        invoice.products.track(line.productSku);
      }
      let products = this.byResale.get(line.endCustomerId);
      if (products === undefined) {
        products = new Map();
        this.byResale.set(line.endCustomerId, products);
      }
      track(products, line.productSku, line.shipDate);
    }
  }

  /** The index for `claimLines` with every sale of `sales` added. */
  static of(claimLines: readonly DebitClaimLine[], sales: Iterable<PosSale>): PosSaleIndex {
    const index = new PosSaleIndex(claimLines);
    for (const sale of sales) index.add(sale);
    return index;
  }

  /** Counts one POS sale toward the claim lines it may back. */
  add(sale: PosSale): void {
    const invoice = this.invoices.mayHave(hashOf(sale.invoiceNumber))
      ? this.byInvoice.get(sale.invoiceNumber)
      : undefined;
    if (invoice !== undefined) {
      if (sale.invoiceLine !== undefined) invoice.lines?.add(sale.invoiceLine, sale.quantity);
      invoice.products.add(sale.productSku, sale.quantity);
    }
    if (this.resales.mayHave(hashOf(sale.productSku, hashOf(sale.endCustomerId)))) {
      this.byResale.get(sale.endCustomerId)?.get(sale.productSku)?.add(sale.shipDate, sale.quantity);
    }
  }

  /**
   * Whether POS sales back the claim line: the same invoice line (or, without one, the same invoice and
   * product), else the same end customer, product and ship date; either with a net quantity within
   * `toleranceBasisPoints` of the claimed quantity (0 = exact, 500 = ±5 %). `position`, when the caller knows
   * it, is the line's place in the claim lines the index was made for: its invoice is then found in place,
   * not looked up by number in a Map as large as the claim (cold for every line).
   */
  backs(line: DebitClaimLine, toleranceBasisPoints: number, position?: number): boolean {
    const invoice =
      position !== undefined && this.claimLines[position] === line
        ? this.invoiceAt[position]
        : this.byInvoice.get(line.invoiceNumber);
    const byInvoice =
      line.invoiceLine === undefined
        ? invoice?.products.get(line.productSku)
        : invoice?.lines?.get(line.invoiceLine);
    return (
      within(byInvoice, line.quantity, toleranceBasisPoints) ||
      within(
        this.byResale.get(line.endCustomerId)?.get(line.productSku)?.get(line.shipDate),
        line.quantity,
        toleranceBasisPoints,
      )
    );
  }
}
