import type { AccrualDelta } from '../accruals/diff-against-posted';
import { BusinessRuleError } from '../shared/errors';
import { fnv1a64 } from '../shared/fingerprint';
import type { IsoDate } from '../shared/iso-date';
import type { LedgerPosting, RunPosting } from './ledger-posting';

/** A program period a run recomputed, with its last day; an `AccrualRun`'s `scopes` fit as they are. */
export interface RecomputedPeriod {
  readonly programId: string;
  readonly period: string;
  readonly to: IsoDate;
}

/** The run whose deltas are posted. */
export interface RunPostingContext {
  readonly runId: string;
  /** The accounting date of every posting; its calendar month is the run's accounting period. */
  readonly postedOn: IsoDate;
  readonly scopes: readonly RecomputedPeriod[];
}

function scopeKey(programId: string, period: string): string {
  return `${programId}\u001f${period}`;
}

function reasonText(delta: AccrualDelta): string {
  switch (delta.reason) {
    case 'new':
      return 'new accrual';
    case 'restated':
      return `restated from ${delta.previouslyPosted} to ${delta.recomputed}`;
    case 'withdrawn':
      return `withdrawn: ${delta.previouslyPosted} no longer computed`;
  }
}

/**
 * The postings of an accrual run's deltas (see `diffAgainstPosted`): `new` → `accrual`, `restated` and
 * `withdrawn` → `trueUp`. A posting whose program period ended before the accounting month of `postedOn`
 * is flagged `priorPeriod` (finance reports those apart from current-period expense).
 *
 * A run posts at most once per accrual key, so a posting's id is derived from the run and the key:
 * `<runId>#<programId>#<period>#<FNV-1a 64 of the key>`. The same run gives the same ids whether its
 * periods are posted in one call or one call each, and in any delta order: storing with "id must not
 * exist" makes a retried posting idempotent. Postings come sorted by accrual key. Throws BusinessRuleError
 * for a delta outside the run's scopes or two deltas with one id (one key twice, or a hash collision).
 */
export function postingsFromDeltas(run: RunPostingContext, deltas: readonly AccrualDelta[]): RunPosting[] {
  const periodEnds = new Map(run.scopes.map((scope) => [scopeKey(scope.programId, scope.period), scope.to]));
  const accountingPeriodStart = `${run.postedOn.slice(0, 7)}-01`;
  const sorted = [...deltas].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ids = new Set<string>();
  return sorted.map((delta): RunPosting => {
    const postingId = `${run.runId}#${delta.programId}#${delta.period}#${fnv1a64(delta.key)}`;
    if (ids.has(postingId)) {
      throw new BusinessRuleError(`run '${run.runId}' has two deltas for posting id '${postingId}'`);
    }
    ids.add(postingId);
    const periodEnd = periodEnds.get(scopeKey(delta.programId, delta.period));
    if (periodEnd === undefined) {
      throw new BusinessRuleError(
        `run '${run.runId}' did not recompute period '${delta.period}' of program '${delta.programId}'`,
      );
    }
    return {
      kind: delta.reason === 'new' ? 'accrual' : 'trueUp',
      postingId,
      programId: delta.programId,
      period: delta.period,
      fund: delta.fund,
      beneficiaryPartnerId: delta.beneficiaryPartnerId,
      partnerId: delta.partnerId,
      endCustomerId: delta.endCustomerId,
      billTo: delta.billTo,
      sku: delta.sku,
      uom: delta.uom,
      salesperson: delta.salesperson,
      currency: delta.currency,
      amount: delta.amount,
      postedOn: run.postedOn,
      reason: reasonText(delta),
      runId: run.runId,
      accrualKey: delta.key,
      priorPeriod: periodEnd < accountingPeriodStart,
    };
  });
}

/**
 * The postings `diffAgainstPosted` must compare a run with: accruals and true-ups only. Manual adjustments,
 * claims and payments have no accrual key; a run that saw them would reverse them as withdrawn.
 */
export function postedAccrualsOf(postings: readonly LedgerPosting[]): RunPosting[] {
  return postings.filter(
    (posting): posting is RunPosting => posting.kind === 'accrual' || posting.kind === 'trueUp',
  );
}
