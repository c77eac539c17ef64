import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { effectivePriceOn } from '../../domain/price-lists/effective-price';
import type { PriceEntry } from '../../domain/price-lists/price-list';
import type { PosReturn } from '../../domain/ship-and-debit/bill-back';
import type { DebitClaimLine } from '../../domain/ship-and-debit/debit-claim-line';
import type { ShipAndDebitEvidence as Evidence } from '../../domain/ship-and-debit/ports';
import type { PosSale } from '../../domain/ship-and-debit/pos-sale-index';
import { DynamoChannelQueries } from './dynamo-channel-queries';
import { masterDataStores } from './master-data-stores';

/** Days around the claimed ship dates whose POS lines are read: invoices may be dated before the shipment. */
const invoiceDateMarginDays = 45;

const shiftDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The channel data ship & debit claims are checked against: the partner's POS lines of the claimed products
 * around the claimed ship dates (access pattern 9), and price list entries (access pattern 5).
 */
export class ShipAndDebitEvidence implements Evidence {
  private readonly queries: DynamoChannelQueries;
  private readonly priceEntries;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.queries = new DynamoChannelQueries(client, tableName);
    this.priceEntries = masterDataStores(client, tableName).priceEntries;
  }

  async salesFor(partnerId: string, lines: readonly DebitClaimLine[]): Promise<PosSale[]> {
    const bySku = new Map<string, { from: string; to: string }>();
    for (const line of lines) {
      const range = bySku.get(line.productSku);
      bySku.set(line.productSku, {
        from: range === undefined || line.shipDate < range.from ? line.shipDate : range.from,
        to: range === undefined || line.shipDate > range.to ? line.shipDate : range.to,
      });
    }
    const sales: PosSale[] = [];
    await Promise.all(
      [...bySku].map(async ([sku, range]) => {
        const from = shiftDays(range.from, -invoiceDateMarginDays);
        const to = shiftDays(range.to, invoiceDateMarginDays);
        for await (const item of this.salesOfProduct(partnerId, sku, from, to)) sales.push(posSaleOf(item));
      }),
    );
    return sales;
  }

  async returnsOf(partnerId: string, productSkus: readonly string[], from: string, to: string) {
    const returns: PosReturn[] = [];
    await Promise.all(
      productSkus.map(async (sku) => {
        for await (const item of this.salesOfProduct(partnerId, sku, from, to)) {
          const sale = posSaleOf(item);
          if (!(sale.quantity < 0)) continue;
          returns.push({
            invoiceNumber: sale.invoiceNumber,
            invoiceLine: sale.invoiceLine ?? '',
            date: sale.shipDate,
            endCustomerId: sale.endCustomerId,
            productSku: sale.productSku,
            quantity: -sale.quantity,
          });
        }
      }),
    );
    return returns;
  }

  /** Every sale line of a partner's product dated (invoice date) from `from` to `to`, page by page. */
  private async *salesOfProduct(partnerId: string, sku: string, from: string, to: string) {
    let cursor: string | undefined;
    do {
      const page = await this.queries.salesOfProduct(partnerId, sku, from, to, { limit: 1000, cursor });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }

  async listPriceOn(priceListId: string, productSku: string, date: string): Promise<string | undefined> {
    const entries: PriceEntry[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.priceEntries.list({
        limit: 100,
        group: { priceListId, sku: productSku },
        cursor,
      });
      entries.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return effectivePriceOn(entries, date)?.entry.bookCost;
  }
}

/** A stored sale line as POS evidence: shipped on its ship date, else its invoice date. */
function posSaleOf(item: Record<string, unknown>): PosSale {
  const text = (name: string) => (typeof item[name] === 'string' ? (item[name] as string) : '');
  return {
    invoiceNumber: text('invoiceNumber'),
    invoiceLine: text('invoiceLine'),
    endCustomerId: text('endCustomerId'),
    productSku: text('sku'),
    shipDate: text('shipDate') || text('invoiceDate'),
    quantity: Number(text('quantity')),
  };
}
