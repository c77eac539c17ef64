import type { LedgerPosting } from './ledger-posting';

/** Read side of the ledger: the postings behind a checkbook and the GL journal. */
export interface LedgerReader {
  /** Every posting `partnerId` benefits from, optionally of one program. */
  checkbookPostings(partnerId: string, programId?: string): Promise<LedgerPosting[]>;
  /** Every posting with an accounting date in `month` (YYYY-MM). */
  postingsOfMonth(month: string): Promise<LedgerPosting[]>;
  postingsOfRun(runId: string): Promise<LedgerPosting[]>;
}
