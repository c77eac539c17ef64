import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { LedgerPosting } from '../../domain/ledger/ledger-posting';
import { type LiabilitySummary, liabilitySummariesOf } from '../../domain/reports/liability-summary';
import type { LiabilitySummaryReader } from '../../domain/reports/ports';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import { readBack } from './read-back';
import { minorOf } from './stored-minor-units';
import { allItems } from './table-access';
import {
  allLiabilitiesPartition,
  liabilitySummaryKeys,
  partnerLiabilitiesPartition,
} from './table-keys/reports';

const columns = ['earned', 'adjustments', 'claimed', 'paid'] as const;

/**
 * The updates that add `postings` to their liability summaries, one per grain, for the transaction that
 * writes the postings: committed with them or not at all, so a summary is always the sum of its postings.
 * ADD creates a summary at its first posting and never overwrites one, so concurrent writers never lose a sum.
 */
export function liabilitySummaryUpdates(tableName: string, postings: readonly LedgerPosting[]) {
  return liabilitySummariesOf(postings).map(({ sums, ...grain }) => {
    const { pk, sk, gsi1pk, gsi1sk } = liabilitySummaryKeys(grain);
    return {
      Update: {
        TableName: tableName,
        Key: { pk, sk },
        UpdateExpression: `SET #type = :type, programId = :programId, partnerId = :partnerId, #period = :period, currency = :currency, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk ADD ${columns.map((column) => `${column} :${column}`).join(', ')}`,
        ExpressionAttributeNames: { '#type': 'type', '#period': 'period' },
        ExpressionAttributeValues: {
          ':type': 'LiabilitySummary',
          ':programId': grain.programId,
          ':partnerId': grain.partnerId,
          ':period': grain.period,
          ':currency': grain.currency,
          ':gsi1pk': gsi1pk,
          ':gsi1sk': gsi1sk,
          ...Object.fromEntries(columns.map((column) => [`:${column}`, sums[column]])),
        },
      },
    };
  });
}

/** Read-back check of a summary's grain; its sums are read as minor units. */
const grainSchema = z.object({
  programId: z.string().min(1),
  partnerId: z.string().min(1),
  period: z.string().min(1),
  currency: currencyCodeSchema,
});

function toSummary(item: Record<string, unknown>): LiabilitySummary {
  return {
    ...readBack(grainSchema, item),
    sums: {
      earned: minorOf(item.earned),
      adjustments: minorOf(item.adjustments),
      claimed: minorOf(item.claimed),
      paid: minorOf(item.paid),
    },
  };
}

/**
 * The liability summaries in the single table: every partner's in one partition (`LIABILITIES`, one item
 * per grain: thousands, not millions) read by one paged Query; one partner's by its index partition.
 */
export class DynamoLiabilitySummaries implements LiabilitySummaryReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async liabilitySummaries(scope: {
    readonly partnerId?: string | undefined;
    readonly programId?: string | undefined;
  }): Promise<LiabilitySummary[]> {
    // Every partner's: the base partition; one partner's: its index partition. Both sort by program first.
    const items = await allItems(this.client, this.tableName, {
      ...(scope.partnerId === undefined
        ? { partition: allLiabilitiesPartition }
        : { index: 'gsi1', partition: partnerLiabilitiesPartition(scope.partnerId) }),
      ...(scope.programId === undefined ? {} : { sortKey: { beginsWith: `${scope.programId}#` } }),
    });
    return items.map(toSummary);
  }
}
