import type { AccrualAmount } from '../accruals/accrual-entry';
import { diffAgainstPosted } from '../accruals/diff-against-posted';
import type { AccrualScope } from '../accruals/engine/compute-accruals';
import { ClosedPeriodError, openPostingDate } from '../ledger/accounting-period';
import { closedMonths } from '../ledger/accounting-period-use-cases';
import { entriesAtLedgerGrain, postedAtLedgerGrain } from '../ledger/ledger-grain';
import type { RunPosting } from '../ledger/ledger-posting';
import { postedAccrualsOf, postingsFromDeltas } from '../ledger/postings-from-deltas';
import { VersionConflictError } from '../shared/errors';
import type { AccrualRunRecord, PeriodRunResult } from './accrual-run';
import type { AccrualRunDeps } from './ports';

const appendAttempts = 5;

/** The closed accounting months, read once per program step and again when a close races the step. */
export interface ClosedMonths {
  current: ReadonlySet<string>;
}

/**
 * Posts one program period of a run: the difference between the entries recomputed and what is posted, both
 * summed at the ledger grain (see `ledgerGrainOf`), as accruals and true-ups, and moves the period's measurement to the run's window end in the same write.
 *
 * Main course: read the period's ledger → if a run has meanwhile measured it further, leave it (this run
 * would take back what that one established) → date the postings in the run's accounting month, or the
 * first open month after it when that is closed → append with the ledger's sequence. A concurrent append
 * (VersionConflictError) or a month closed meanwhile (ClosedPeriodError) makes it read and diff again, so
 * nothing is posted twice and nothing lands in a closed month. Nothing changed and nothing newly measured
 * writes nothing, so rerunning the same input is free.
 */
export async function postProgramPeriod(
  deps: AccrualRunDeps,
  run: AccrualRunRecord,
  scope: AccrualScope,
  entries: readonly AccrualAmount[],
  businessUnit: string | undefined,
  closed: ClosedMonths,
): Promise<{ readonly result: PeriodRunResult; readonly postings: readonly RunPosting[] }> {
  const recomputed = entriesAtLedgerGrain(entries);
  for (let attempt = 1; ; attempt++) {
    const ledger = await deps.ledger.scope(scope.programId, scope.period);
    const postedOn = openPostingDate(run.accountingDate, closed.current);
    const result: PeriodRunResult = {
      period: scope.period,
      measuredTo: scope.to,
      previouslyMeasured: ledger.measured,
      postings: 0,
      postedOn: null,
      priorPeriod: false,
      superseded: false,
    };
    if (ledger.measured !== null && ledger.measured.to > scope.to) {
      return { result: { ...result, superseded: true }, postings: [] };
    }
    const posted = postedAtLedgerGrain(postedAccrualsOf(ledger.postings));
    const deltas = diffAgainstPosted(recomputed, posted, [scope]);
    const postings = postingsFromDeltas({ runId: run.runId, postedOn, scopes: [scope] }, deltas).map(
      (posting) => (businessUnit === undefined ? posting : { ...posting, businessUnit }),
    );
    const measuredAlready = ledger.measured !== null && ledger.measured.to >= scope.to;
    if (postings.length === 0 && measuredAlready) return { result, postings };
    try {
      await deps.ledger.append(scope.programId, scope.period, ledger.sequence, postings, {
        to: scope.to,
        runId: run.runId,
      });
      const posted =
        postings.length === 0
          ? {}
          : { postings: postings.length, postedOn, priorPeriod: postings.some((p) => p.priorPeriod) };
      return { result: { ...result, ...posted }, postings };
    } catch (error) {
      const retriable = error instanceof VersionConflictError || error instanceof ClosedPeriodError;
      if (!retriable || attempt === appendAttempts) throw error;
      if (error instanceof ClosedPeriodError) closed.current = await closedMonths(deps.accountingPeriods);
    }
  }
}
