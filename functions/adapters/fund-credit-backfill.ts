import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  creditingPostings,
  establishPeriodCredits,
  fundCreditJob,
  fundCreditsCompleteKey,
} from './claim-fund-credits';
import { inParallel } from './dynamo-batch';
import { scanInSegments, type UpgradeScanOptions } from './upgrade-scan';

/** What a fund credit backfill pass did. */
export interface FundCreditBackfillReport {
  /** Items the scan read (every type). */
  readonly itemsScanned: number;
  /** Program periods whose funds were checked (once per invocation; again in one that resumes mid-period). */
  readonly periodsChecked: number;
  /** Funds given their credit base now. */
  readonly basesEstablished: number;
}

const noReport: FundCreditBackfillReport = { itemsScanned: 0, periodsChecked: 0, basesEstablished: 0 };

const added = (a: FundCreditBackfillReport, b: FundCreditBackfillReport): FundCreditBackfillReport => ({
  itemsScanned: a.itemsScanned + b.itemsScanned,
  periodsChecked: a.periodsChecked + b.periodsChecked,
  basesEstablished: a.basesEstablished + b.basesEstablished,
});

export interface FundCreditBackfillOutcome extends FundCreditBackfillReport {
  /** Every segment scanned to its end and the completion recorded: claims read no ledger from now on. */
  readonly complete: boolean;
  readonly segmentsLeft: number;
}

/**
 * The upgrade that gives every claim fund credited by postings from before fund items kept their credit its
 * `creditBaseMinor` (see claim-fund-credits.ts), while live traffic goes on. A parallel Scan finds the
 * program periods with crediting postings; each period's funds are established together
 * (`establishPeriodCredits`: one ledger sum for the period, each base under its posting-count condition). When
 * every segment is done it records its completion (`UPGRADE#fund-credit-base` / `COMPLETE`): from then on a
 * fund item without a base has had every posting counted as it came, and a claim reads its fund's credit from
 * the item alone instead of summing the period's ledger (which grows with its partners). Once complete, a
 * run reads that record and stops. A restart scans again: a fund with a base keeps it, one made since gets
 * a base of 0, which changes no credit.
 */
export async function backfillFundCredits(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: UpgradeScanOptions,
): Promise<FundCreditBackfillOutcome> {
  // Completed once, completed for good: funds made since have every posting counted on their items.
  if (!options.restart) {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: fundCreditsCompleteKey, ConsistentRead: true }),
    );
    if (Item !== undefined) return { ...noReport, complete: true, segmentsLeft: 0 };
  }
  // A period's postings sit in one partition, so in one segment, pages in a row: established once here.
  const established = new Set<string>();
  const { report, ...outcome } = await scanInSegments(
    client,
    tableName,
    {
      job: fundCreditJob,
      filter: {
        expression: `#type = :posting AND ${creditingPostings.expression}`,
        names: {
          '#type': 'type',
          ...creditingPostings.names,
          '#programId': 'programId',
          '#period': 'period',
        },
        values: { ':posting': 'LedgerPosting', ...creditingPostings.values },
      },
      projection: '#programId, #period',
      noReport,
      add: added,
      onPage: async (items, scanned) => {
        const periods = new Map<string, { programId: string; period: string }>();
        for (const item of items) {
          const programId = String(item.programId);
          const period = String(item.period);
          const id = `${programId}\u0000${period}`;
          if (!established.has(id)) periods.set(id, { programId, period });
        }
        let bases = 0;
        await inParallel([...periods], async ([id, { programId, period }]) => {
          bases += await establishPeriodCredits(client, tableName, programId, period);
          established.add(id);
        });
        return { itemsScanned: scanned, periodsChecked: periods.size, basesEstablished: bases };
      },
    },
    options,
  );
  if (outcome.complete) {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...fundCreditsCompleteKey, type: 'UpgradeCompleted', completedAt: new Date().toISOString() },
      }),
    );
  }
  return { ...report, ...outcome };
}
