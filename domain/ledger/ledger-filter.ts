import type { IsoDate } from '../shared/iso-date';

/** Fields postings and journal lines share, which finance filters by. */
export interface LedgerFilterable {
  readonly postedOn: IsoDate;
  readonly period: string;
  readonly programId: string;
  readonly beneficiaryPartnerId: string;
  readonly partnerId: string;
}

/** Criteria that must all hold; an absent one matches everything. */
export interface LedgerFilter {
  /** First accounting date (`postedOn`), inclusive: a month's journal is `2026-03-01`..`2026-03-31`. */
  readonly postedFrom?: IsoDate;
  /** Last accounting date (`postedOn`), inclusive. */
  readonly postedTo?: IsoDate;
  /** A program period label, e.g. `FY2026-Q1`. */
  readonly period?: string;
  readonly programId?: string;
  /** Matches the beneficiary or the partner whose sales earned the amount. */
  readonly partnerId?: string;
}

/**
 * The postings or journal lines that match `filter`, in their order. Both lines of a journal entry come
 * from one posting and share these fields, so filtering a journal keeps its entries whole and balanced.
 */
export function filterLedger<T extends LedgerFilterable>(items: readonly T[], filter: LedgerFilter): T[] {
  const { postedFrom, postedTo, period, programId, partnerId } = filter;
  return items.filter(
    (item) =>
      (postedFrom === undefined || item.postedOn >= postedFrom) &&
      (postedTo === undefined || item.postedOn <= postedTo) &&
      (period === undefined || item.period === period) &&
      (programId === undefined || item.programId === programId) &&
      (partnerId === undefined || item.beneficiaryPartnerId === partnerId || item.partnerId === partnerId),
  );
}
