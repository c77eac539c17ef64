import type { SalesSummaryStore } from '../../domain/reports/ports';
import type { PartnerMonthSales } from '../../domain/reports/sales-summary';
import { bySortKey } from './in-memory-pages';

/**
 * Monthly sales summaries in a Map by month, replaced whole and read in partner id order as the DynamoDB
 * store does (test/support/sales-summary-store-contract.ts).
 */
export class InMemorySalesSummaries implements SalesSummaryStore {
  readonly months = new Map<string, PartnerMonthSales[]>();

  async replaceMonth(month: string, summaries: readonly PartnerMonthSales[]): Promise<void> {
    this.months.set(month, structuredClone([...summaries].sort(bySortKey((summary) => summary.partnerId))));
  }

  async ofMonth(month: string, partnerId?: string): Promise<PartnerMonthSales[]> {
    return (this.months.get(month) ?? []).filter(
      (summary) => partnerId === undefined || summary.partnerId === partnerId,
    );
  }
}
