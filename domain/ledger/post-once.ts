import type { AccrualLedger } from '../accrual-runs/ports';
import { VersionConflictError } from '../shared/errors';
import type { LedgerPosting } from './ledger-posting';

/**
 * Appends postings to their program periods' ledgers, skipping any already posted (posting ids are derived
 * from what they record, so a retried step posts nothing twice). A concurrent append to the same period is
 * retried against what is then posted; a closed accounting month fails as the ledger decides.
 */
export async function postOnce(ledger: AccrualLedger, postings: readonly LedgerPosting[]): Promise<void> {
  const byScope = new Map<string, LedgerPosting[]>();
  for (const posting of postings) {
    const key = `${posting.programId}\u001f${posting.period}`;
    byScope.set(key, [...(byScope.get(key) ?? []), posting]);
  }
  for (const scoped of byScope.values()) {
    const [{ programId, period } = { programId: '', period: '' }] = scoped;
    for (let attempt = 1; ; attempt++) {
      const scope = await ledger.scope(programId, period);
      const posted = new Set(scope.postings.map((posting) => posting.postingId));
      const missing = scoped.filter((posting) => !posted.has(posting.postingId));
      if (missing.length === 0) break;
      try {
        await ledger.append(programId, period, scope.sequence, missing);
        break;
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt === 5) throw error;
      }
    }
  }
}
