import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Measurement } from '../../domain/accrual-runs/accrual-run';
import type { AccrualLedger, LedgerScope } from '../../domain/accrual-runs/ports';
import { fundCreditedBy, fundScopeKey } from '../../domain/claims/claim-fund';
import { ClosedPeriodError } from '../../domain/ledger/accounting-period';
import { type LedgerPosting, ledgerPostingSchema } from '../../domain/ledger/ledger-posting';
import type { LedgerReader } from '../../domain/ledger/ports';
import { liabilityGrainKey, liabilityGrainOf } from '../../domain/reports/liability-summary';
import { VersionConflictError } from '../../domain/shared/errors';
import { claimFundCreditUpdates } from './claim-fund-credits';
import { liabilitySummaryUpdates } from './dynamo-liability-summaries';
import { allItems, type PartitionQuery, storageStripper } from './table-access';
import type { ItemKey } from './table-keys/item-key';
import {
  accountingPeriodKey,
  checkbookPartition,
  journalPartition,
  ledgerHeadKey,
  ledgerPartition,
  ledgerPostingKeys,
  runPostingsPartition,
} from './table-keys/ledger';
import { retryOnTransactionConflict } from './transaction-conflicts';

// A transaction holds at most 100 items: the scope head, the accounting month's check, and 98 postings, the
// liability summaries and the claim funds' credits they add to.
const itemsPerTransaction = 98;
/** Bookkeeping of the liability summaries (see `postingPut`), no part of the posting. */
export const summarizedMark = 'summarized';
const withoutStorage = storageStripper('type', summarizedMark);

/** A stored posting item as the posting it holds. */
export const toPosting = (item: Record<string, unknown>): LedgerPosting =>
  ledgerPostingSchema.parse(withoutStorage(item));

function measurementOf(head: Record<string, unknown>): Measurement | null {
  return typeof head.measuredTo === 'string' && typeof head.measuredBy === 'string'
    ? { to: head.measuredTo, runId: head.measuredBy }
    : null;
}

/** A transaction item that holds only while the accounting month has no record (never closed) or is not closed. */
export function openMonthCheck(tableName: string, month: string) {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: accountingPeriodKey(month),
      ConditionExpression: 'attribute_not_exists(pk) OR #status <> :closed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':closed': 'closed' },
    },
  };
}

/**
 * A transaction item writing a posting once: posted entries are never overwritten. `summarized` marks it as
 * counted in its liability summary (written with it), so the upgrade backfill (`summaryBackfillWrites`) can
 * tell the postings stored before summaries existed from those it must never add again.
 */
function postingPut(tableName: string, posting: LedgerPosting) {
  return {
    Put: {
      TableName: tableName,
      Item: { ...posting, ...ledgerPostingKeys(posting), type: 'LedgerPosting', [summarizedMark]: true },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * The transaction items that write `postings`, each once, and add them to their liability summaries and
 * the credit of the claim funds they credit: the postings first, in order, then one summary update per
 * grain, then one credit update per fund (claim postings credit none, so a claim's settlement, which moves
 * its fund item itself, never touches that item twice). Every path that posts writes through this, so no
 * posting is stored without its summary and its fund's credit.
 */
export function postingWrites(tableName: string, postings: readonly LedgerPosting[]) {
  return [
    ...postings.map((posting) => postingPut(tableName, posting)),
    ...liabilitySummaryUpdates(tableName, postings),
    ...claimFundCreditUpdates(tableName, postings),
  ];
}

/**
 * The transaction items that add postings stored without the `summarized` mark (written before liability
 * summaries existed) to their summaries, once: each mark is set on condition it is still absent, with the
 * same summary updates `postingWrites` makes. A rerun, a second backfill or a crash between two such
 * transactions never adds a posting twice, and a posting written by `postingWrites` is never added again. The
 * mark is bookkeeping of the read model: the posted entries' figures stay as they were.
 */
export function summaryBackfillWrites(tableName: string, postings: readonly LedgerPosting[]) {
  return [
    ...postings.map((posting) => {
      const { pk, sk } = ledgerPostingKeys(posting);
      const key: ItemKey = { pk, sk };
      return {
        Update: {
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET #mark = :true',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#mark)',
          ExpressionAttributeNames: { '#mark': summarizedMark },
          ExpressionAttributeValues: { ':true': true },
        },
      };
    }),
    ...liabilitySummaryUpdates(tableName, postings),
  ];
}

/** One transaction's postings: all dated in one accounting month, with their summaries at most `itemsPerTransaction`. */
export interface Chunk {
  readonly month: string | null;
  readonly postings: readonly LedgerPosting[];
}

/** How an append is split into transactions (the in-memory ledger of the unit tests commits the same way). */
export function chunksOf(postings: readonly LedgerPosting[]): Chunk[] {
  const byMonth = new Map<string, LedgerPosting[]>();
  for (const posting of postings) {
    const month = posting.postedOn.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), posting]);
  }
  const chunks: Chunk[] = [];
  for (const [month, ofMonth] of byMonth) {
    let chunk: LedgerPosting[] = [];
    // The updates besides the puts: one per liability grain and one per fund credited (see postingWrites).
    let updates = new Set<string>();
    for (const posting of ofMonth) {
      const fund = fundCreditedBy(posting);
      const adds = [`grain ${liabilityGrainKey(liabilityGrainOf(posting))}`];
      if (fund !== undefined) adds.push(`fund ${fundScopeKey(fund)}`);
      const more = adds.filter((update) => !updates.has(update)).length;
      if (chunk.length + 1 + updates.size + more > itemsPerTransaction) {
        chunks.push({ month, postings: chunk });
        chunk = [];
        updates = new Set();
      }
      chunk.push(posting);
      for (const update of adds) updates.add(update);
    }
    if (chunk.length > 0) chunks.push({ month, postings: chunk });
  }
  // Nothing to post still moves the measurement (a run that found nothing new measured the period).
  return chunks.length === 0 ? [{ month: null, postings: [] }] : chunks;
}

/**
 * The ledger in the single table. Postings are immutable items written with "must not exist", each
 * transaction together with the program period's head item, whose `sequence` must still be the one the
 * caller read: two runs posting into one period cannot both succeed, and a retried transaction that
 * already committed fails instead of posting twice. The same transaction checks that the postings'
 * accounting month is not closed, so a close committed first refuses them and one committed later sees them.
 */
export class DynamoAccrualLedger implements AccrualLedger, LedgerReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async scope(programId: string, period: string): Promise<LedgerScope> {
    let sequence = 0;
    let measured: Measurement | null = null;
    const postings: LedgerPosting[] = [];
    const partition = ledgerPartition(programId, period);
    for (const item of await allItems(this.client, this.tableName, { partition, consistent: true })) {
      if (item.sk === 'HEAD') {
        sequence = Number(item.sequence);
        measured = measurementOf(item);
      } else postings.push(toPosting(item));
    }
    return { sequence, postings, measured };
  }

  async measured(programId: string, period: string): Promise<Measurement | null> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: ledgerHeadKey(programId, period),
        ConsistentRead: true,
      }),
    );
    return Item === undefined ? null : measurementOf(Item);
  }

  async append(
    programId: string,
    period: string,
    expectedSequence: number,
    postings: readonly LedgerPosting[],
    measured?: Measurement,
  ): Promise<void> {
    let sequence = expectedSequence;
    const chunks = chunksOf(postings);
    for (const [index, chunk] of chunks.entries()) {
      // The measurement moves with the last chunk: a run that dies half-way still finds its deltas to post.
      const measure = index === chunks.length - 1 ? measured : undefined;
      try {
        // A claim's posting may hold one of the chunk's summaries a moment: a conflict commits nothing, so retry.
        await retryOnTransactionConflict(() =>
          this.client.send(
            new TransactWriteCommand({
              TransactItems: [
                this.headUpdate(programId, period, sequence, measure),
                ...(chunk.month === null ? [] : [openMonthCheck(this.tableName, chunk.month)]),
                ...postingWrites(this.tableName, chunk.postings),
              ],
            }),
          ),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          if (chunk.month !== null && error.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed') {
            throw new ClosedPeriodError(chunk.month);
          }
          throw new VersionConflictError(
            `the ledger of ${programId} ${period} changed since sequence ${sequence}`,
            undefined,
          );
        }
        throw error;
      }
      sequence++;
    }
  }

  async postIndependent(posting: LedgerPosting): Promise<void> {
    const month = posting.postedOn.slice(0, 7);
    const write = () =>
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [openMonthCheck(this.tableName, month), ...postingWrites(this.tableName, [posting])],
        }),
      );
    try {
      // Every settlement of the month checks its accounting period item: concurrent ones may conflict.
      await retryOnTransactionConflict(write);
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const failed = (index: number) => error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
      // Posted already (a retried settlement): nothing more to do, its summary counted it then.
      if (failed(1)) return;
      if (failed(0)) throw new ClosedPeriodError(month);
      throw error;
    }
  }

  private headUpdate(programId: string, period: string, sequence: number, measured: Measurement | undefined) {
    return {
      Update: {
        TableName: this.tableName,
        Key: ledgerHeadKey(programId, period),
        UpdateExpression: `SET #sequence = :next, #type = :type${
          measured === undefined ? '' : ', measuredTo = :measuredTo, measuredBy = :measuredBy'
        }`,
        ConditionExpression: 'attribute_not_exists(pk) OR #sequence = :expected',
        ExpressionAttributeNames: { '#sequence': 'sequence', '#type': 'type' },
        ExpressionAttributeValues: {
          ':next': sequence + 1,
          ':expected': sequence,
          ':type': 'LedgerHead',
          ...(measured === undefined ? {} : { ':measuredTo': measured.to, ':measuredBy': measured.runId }),
        },
      },
    };
  }

  async postingsOfRun(runId: string): Promise<LedgerPosting[]> {
    return this.collect({ index: 'gsi3', partition: runPostingsPartition(runId) });
  }

  /** Every posting a partner benefits from, optionally of one program. */
  checkbookPostings(partnerId: string, programId?: string): Promise<LedgerPosting[]> {
    return this.collect({
      index: 'gsi1',
      partition: checkbookPartition(partnerId),
      ...(programId === undefined ? {} : { sortKey: { beginsWith: `${programId}#` } }),
    });
  }

  /** Every posting with an accounting date in one month (the GL journal's source). */
  postingsOfMonth(month: string): Promise<LedgerPosting[]> {
    return this.collect({ index: 'gsi2', partition: journalPartition(month) });
  }

  private async collect(query: PartitionQuery): Promise<LedgerPosting[]> {
    return (await allItems(this.client, this.tableName, query)).map(toPosting);
  }
}
