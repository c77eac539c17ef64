import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { LedgerPosting } from '../../domain/ledger/ledger-posting';
import {
  addBackfillReports,
  noBackfillYet,
  type ReadModelBackfillReport,
  shardsToList,
} from '../../domain/upgrades/read-model-backfill';
import { chunksOf, summarizedMark, summaryBackfillWrites, toPosting } from './dynamo-accrual-ledger';
import { getAll, inParallel, itemKeyId } from './dynamo-batch';
import { bumpLineChanges, everyShard, type PartnerMonth, shardDirectoryOf } from './line-change-counters';
import { lineChangesKey, shardOfSalesPartition } from './table-keys/channel-lines';
import { retryOnTransactionConflict } from './transaction-conflicts';
import { scanInSegments, type UpgradeScanOptions } from './upgrade-scan';

type Item = Record<string, unknown>;

const job = 'read-model-backfill';

export type ReadModelBackfillOptions = UpgradeScanOptions;

export interface ReadModelBackfillOutcome extends ReadModelBackfillReport {
  /** Every segment scanned to its end (in this invocation or earlier ones). */
  readonly complete: boolean;
  readonly segmentsLeft: number;
}

/**
 * The upgrade backfill: completes the liability summaries and the sales shard directories for items written
 * before they existed, while live traffic goes on. Every segment of a parallel Scan reads the postings without
 * the `summarized` mark and the current sale lines; each posting is added to its summary once
 * (`summaryBackfillWrites`), and each partner-month whose directory misses a shard of its lines gets those
 * shards and a bump of its change counter in one update (`bumpLineChanges`): a month-end run then reads the
 * lines again instead of reusing a snapshot taken while they were invisible. Segments resume where they
 * stopped (`scanInSegments`); a rerun from the start writes nothing twice.
 */
export async function backfillReadModels(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: ReadModelBackfillOptions,
): Promise<ReadModelBackfillOutcome> {
  const { report, ...outcome } = await scanInSegments(
    client,
    tableName,
    {
      job,
      // Postings written through postingWrites carry the mark: only older ones come back.
      filter: {
        expression: '(#type = :posting AND attribute_not_exists(#mark)) OR #type = :saleLine',
        names: { '#type': 'type', '#mark': summarizedMark },
        values: { ':posting': 'LedgerPosting', ':saleLine': 'SaleLine' },
      },
      noReport: noBackfillYet,
      add: addBackfillReports,
      onPage: async (items, scanned) => ({
        ...(await summarizePostings(client, tableName, items)),
        ...(await completeShardDirectories(client, tableName, items)),
        itemsScanned: scanned,
      }),
    },
    options,
  );
  return { ...report, ...outcome };
}

/** Whether a transaction was refused because a posting in it had its mark already. */
const markedAlready = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed');

/**
 * Adds the unmarked postings of a page to their liability summaries, once: a transaction per chunk of
 * postings and the summaries they add to (as the ledger chunks an append); a chunk refused because another
 * backfill marked one of its postings first is applied again one posting at a time.
 */
async function summarizePostings(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
): Promise<Pick<ReadModelBackfillReport, 'summariesApplied' | 'summariesAlreadyApplied'>> {
  let applied = 0;
  let already = 0;
  // A live posting of the same grain may hold its summary a moment: a conflict commits nothing, so retry.
  const summarize = (postings: readonly LedgerPosting[]) =>
    retryOnTransactionConflict(() =>
      client.send(new TransactWriteCommand({ TransactItems: summaryBackfillWrites(tableName, postings) })),
    );
  const postings = items.filter((item) => item.type === 'LedgerPosting').map(toPosting);
  const chunks = postings.length === 0 ? [] : chunksOf(postings);
  await inParallel(chunks, async (chunk) => {
    try {
      await summarize(chunk.postings);
      applied += chunk.postings.length;
    } catch (error) {
      if (!markedAlready(error)) throw error;
      for (const posting of chunk.postings) {
        try {
          await summarize([posting]);
          applied++;
        } catch (single) {
          if (!markedAlready(single)) throw single;
          already++;
        }
      }
    }
  });
  return { summariesApplied: applied, summariesAlreadyApplied: already };
}

/** Lists, in each partner-month's shard directory, the shards of a page's sale lines it misses. */
async function completeShardDirectories(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
): Promise<Pick<ReadModelBackfillReport, 'saleLinesChecked' | 'directoryUpdates'>> {
  const lines = items.filter((item) => item.type === 'SaleLine');
  const months = new Map<string, { partnerId: string; month: string; shards: Set<number> }>();
  for (const line of lines) {
    const partnerId = String(line.partnerId);
    const month = String(line.invoiceDate).slice(0, 7);
    const id = itemKeyId(lineChangesKey(partnerId, month));
    const entry = months.get(id) ?? { partnerId, month, shards: new Set<number>() };
    entry.shards.add(shardOfSalesPartition(String(line.gsi1pk)));
    months.set(id, entry);
  }
  const counters = await getAll(
    client,
    tableName,
    [...months.values()].map(({ partnerId, month }) => lineChangesKey(partnerId, month)),
  );
  const additions: PartnerMonth[][] = [];
  for (const [id, { partnerId, month, shards }] of months) {
    const missing = shardsToList(shardDirectoryOf(counters.get(id)), shards, everyShard);
    if (missing.length > 0) additions.push(missing.map((shard) => ({ partnerId, month, shard })));
  }
  // One update per partner-month: its shards and a bump together, so a run reading the counter sees both.
  await bumpLineChanges(client, tableName, additions.flat());
  return { saleLinesChecked: lines.length, directoryUpdates: additions.length };
}
