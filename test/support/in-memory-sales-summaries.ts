import type { SalesSummaryStore } from '../../domain/reports/ports';
import type { PartnerMonthSales } from '../../domain/reports/sales-summary';

/** Monthly sales summaries in a Map by month, replaced whole as the DynamoDB store does. */
export class InMemorySalesSummaries implements SalesSummaryStore {
  readonly months = new Map<string, PartnerMonthSales[]>();

  async replaceMonth(month: string, summaries: readonly PartnerMonthSales[]): Promise<void> {
    this.months.set(month, structuredClone([...summaries]));
  }

  async ofMonth(month: string, partnerId?: string): Promise<PartnerMonthSales[]> {
    return (this.months.get(month) ?? []).filter(
      (summary) => partnerId === undefined || summary.partnerId === partnerId,
    );
  }
}
