import type { InventorySnapshotLine } from '../ingestion/ingest-types';
import type { LiabilitySummary } from './liability-summary';
import type { PartnerMonthSales } from './sales-summary';

/**
 * Monthly sales summaries, written by accrual runs from the lines they read. A month is replaced whole:
 * partners without lines in it any more lose their summary (a withdrawn file), so a summary never outlives
 * the lines it was summed from.
 */
export interface SalesSummaryStore {
  replaceMonth(month: string, summaries: readonly PartnerMonthSales[]): Promise<void>;
  /** Every partner's summary of `month`, or only `partnerId`'s. */
  ofMonth(month: string, partnerId?: string): Promise<PartnerMonthSales[]>;
}

/**
 * A partner's inventory snapshots (852 lines) of one month, read by the month index: one item per SKU ×
 * warehouse × report date, bounded by what the partner stocks, not by what it sells.
 */
export interface InventorySnapshotsByMonth {
  ofMonth(partnerId: string, month: string): Promise<readonly InventorySnapshotLine[]>;
}

/**
 * The ledger's liability summaries (see `LiabilitySummary`), kept by the ledger's own writes: every posting
 * is added to its grain's summary in the transaction that writes it, so they never disagree.
 */
export interface LiabilitySummaryReader {
  /** Every grain's summary, or one beneficiary's, optionally of one program only. */
  liabilitySummaries(scope: {
    readonly partnerId?: string | undefined;
    readonly programId?: string | undefined;
  }): Promise<LiabilitySummary[]>;
}
