import type { AccrualLedger } from '../accrual-runs/ports';
import { VersionConflictError } from '../shared/errors';
import type { LedgerPosting } from './ledger-posting';

/**
 * Appends one posting to its program period unless a posting with its id is there already, so a retried
 * approval or settlement never posts twice. Retried when a run posts into the period at the same moment;
 * the ledger refuses a posting dated into a closed accounting month (ClosedPeriodError).
 */
export async function postOnce(ledger: AccrualLedger, posting: LedgerPosting): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const scope = await ledger.scope(posting.programId, posting.period);
    if (scope.postings.some((posted) => posted.postingId === posting.postingId)) return;
    try {
      await ledger.append(posting.programId, posting.period, scope.sequence, [posting]);
      return;
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt === 5) throw error;
    }
  }
}
