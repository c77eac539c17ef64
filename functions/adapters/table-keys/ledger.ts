import type { ItemKey, ListIndexKey } from './item-key';

/**
 * The accrual ledger: per program period heads and postings, manual adjustments, accounting periods.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | ledger head       | LEDGER#<programId>#<period> | HEAD (sequence, measuredTo, measuredBy) |        |                         |
 * | ledger posting    | LEDGER#<programId>#<period> | POSTING#<postingId>    | CHECKBOOK#<beneficiary>   | <programId>#<period>#<postingId> |
 * | manual adjustment | ADJUSTMENT#<id>        | ADJUSTMENT                  | ADJUSTMENTS               | <status>#<id>           |
 * | accounting period | ACCOUNTINGPERIOD#<yyyy-mm> | PERIOD (status, history) | ACCOUNTINGPERIODS        | <yyyy-mm>               |
 *
 * Ledger postings also carry gsi2 = JOURNAL#<yyyy-mm of postedOn> / <postedOn>#<postingId> and, when a run made
 * them, gsi3 = RUNPOSTINGS#<runId> / <postingId>.
 *
 * Access patterns (numbered across the table):
 * 15. what a program period has posted (a run's diff)           → Query pk LEDGER#<programId>#<period>
 *     (a claim fund's credit, summed once for an item from before it kept it: the same, sk POSTING#…)
 * 16. a partner's checkbook (postings it benefits from)         → Query gsi1 CHECKBOOK#<partner>
 * 17. the GL journal of accounting months; a run's postings     → Query gsi2 JOURNAL#<yyyy-mm> / gsi3 RUNPOSTINGS#<runId>
 * 18. manual adjustments, optionally of one status              → Query gsi1 ADJUSTMENTS
 * 20. accounting months closed or reopened, oldest first        → Query gsi1 ACCOUNTINGPERIODS; a posting's
 *     transaction checks ACCOUNTINGPERIOD#<yyyy-mm of postedOn> is not closed
 */

export const ledgerPartition = (programId: string, period: string) => `LEDGER#${programId}#${period}`;
export const ledgerHeadKey = (programId: string, period: string): ItemKey => ({
  pk: ledgerPartition(programId, period),
  sk: 'HEAD',
});
export const ledgerPostingKeys = (posting: {
  readonly programId: string;
  readonly period: string;
  readonly postingId: string;
  readonly beneficiaryPartnerId: string;
  readonly postedOn: string;
  readonly runId?: string;
}) => ({
  pk: ledgerPartition(posting.programId, posting.period),
  sk: `POSTING#${posting.postingId}`,
  gsi1pk: checkbookPartition(posting.beneficiaryPartnerId),
  gsi1sk: `${posting.programId}#${posting.period}#${posting.postingId}`,
  gsi2pk: journalPartition(posting.postedOn.slice(0, 7)),
  gsi2sk: `${posting.postedOn}#${posting.postingId}`,
  ...(posting.runId === undefined
    ? {}
    : { gsi3pk: runPostingsPartition(posting.runId), gsi3sk: posting.postingId }),
});
export const checkbookPartition = (partnerId: string) => `CHECKBOOK#${partnerId}`;
export const journalPartition = (month: string) => `JOURNAL#${month}`;
export const runPostingsPartition = (runId: string) => `RUNPOSTINGS#${runId}`;

export const accountingPeriodKey = (month: string): ItemKey => ({
  pk: `ACCOUNTINGPERIOD#${month}`,
  sk: 'PERIOD',
});
export const accountingPeriodListKey = (month: string): ListIndexKey => ({
  gsi1pk: 'ACCOUNTINGPERIODS',
  gsi1sk: month,
});

export const adjustmentKey = (adjustmentId: string): ItemKey => ({
  pk: `ADJUSTMENT#${adjustmentId}`,
  sk: 'ADJUSTMENT',
});
export const adjustmentListKey = (status: string, adjustmentId: string): ListIndexKey => ({
  gsi1pk: 'ADJUSTMENTS',
  gsi1sk: `${status}#${adjustmentId}`,
});

/** The sort key prefix of a program period's postings (their partition also holds its HEAD). */
export const ledgerPostingsPrefix = 'POSTING#';
