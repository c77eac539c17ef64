import type { AccrualLedger } from '../accrual-runs/ports';
import { VersionConflictError } from '../shared/errors';
import type { LedgerPosting } from './ledger-posting';

/**
 * Appends one posting to its program period unless a posting with its id is there already, so a retried
 * approval or settlement never posts twice. Retried when a run posts into the period at the same moment;
 * the ledger refuses a posting dated into a closed accounting month (ClosedPeriodError).
 */
export function postOnce(ledger: AccrualLedger, posting: LedgerPosting): Promise<void> {
  return postAllOnce(ledger, [posting]);
}

/**
 * `postOnce` for many postings at once (a payment batch's): one append per program period with the
 * postings not there yet, instead of one read and append per posting.
 */
export async function postAllOnce(ledger: AccrualLedger, postings: readonly LedgerPosting[]): Promise<void> {
  const byScope = new Map<string, LedgerPosting[]>();
  for (const posting of postings) {
    const key = `${posting.programId}\u001f${posting.period}`;
    const scoped = byScope.get(key);
    if (scoped === undefined) byScope.set(key, [posting]);
    else scoped.push(posting);
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
