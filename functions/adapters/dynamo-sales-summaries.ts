import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { SalesSummaryStore } from '../../domain/reports/ports';
import type { PartnerMonthSales } from '../../domain/reports/sales-summary';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import { deleteAll, itemKeyId, keyOfItem, putAll } from './dynamo-batch';
import { allItems, getItem } from './table-access';
import { salesSummaryKey, salesSummaryPartition } from './table-keys/reports';

const type = 'SalesSummary';
const version = 1;

/** A summary item as read back: one partner's month, its cells by category and currency, units by product. */
const summaryItemSchema = z.object({
  month: z.string(),
  partnerId: z.string(),
  cells: z.array(
    z.object({
      category: z.string(),
      currency: currencyCodeSchema,
      quantity: z.string(),
      revenue: z.string(),
      lines: z.number().int(),
    }),
  ),
  products: z.array(z.object({ sku: z.string(), quantity: z.string() })).default([]),
});

/** Monthly sales summaries, one item per partner and month under the month's partition (see table-keys/reports.ts). */
export class DynamoSalesSummaries implements SalesSummaryStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async replaceMonth(month: string, summaries: readonly PartnerMonthSales[]): Promise<void> {
    const items = summaries.map((summary) => ({
      ...salesSummaryKey(month, summary.partnerId),
      type,
      version,
      month,
      partnerId: summary.partnerId,
      cells: summary.cells,
      products: summary.products,
    }));
    const kept = new Set(items.map(itemKeyId));
    const stored = await allItems(this.client, this.tableName, {
      partition: salesSummaryPartition(month),
      projection: ['pk', 'sk'],
    });
    const gone = stored.map(keyOfItem).filter((key) => !kept.has(itemKeyId(key)));
    await putAll(this.client, this.tableName, items);
    await deleteAll(this.client, this.tableName, gone);
  }

  async ofMonth(month: string, partnerId?: string): Promise<PartnerMonthSales[]> {
    const items =
      partnerId === undefined
        ? await allItems(this.client, this.tableName, {
            partition: salesSummaryPartition(month),
          })
        : [await getItem(this.client, this.tableName, salesSummaryKey(month, partnerId))].filter(
            (item) => item !== undefined,
          );
    return items.map((item) => summaryItemSchema.parse(item));
  }
}
