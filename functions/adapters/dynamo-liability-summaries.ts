import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { LedgerPosting } from '../../domain/ledger/ledger-posting';
import { addedByGrain } from '../../domain/reports/liabilities';
import { type LiabilitySummary, liabilitySummariesOf } from '../../domain/reports/liability-summary';
import type { LiabilitySummaryReader } from '../../domain/reports/ports';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import { readBack } from './read-back';
import { minorOf } from './stored-minor-units';
import { allItems, type PartitionQuery } from './table-access';
import {
  liabilityShardPartition,
  liabilityShards,
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

/** Every shard's partition, for a read that sums them. */
const shardPartitions = Array.from({ length: liabilityShards }, (_, shard) => liabilityShardPartition(shard));

/**
 * The liability summaries in the single table: every partner's spread over `liabilityShards` partitions (one
 * item per grain: thousands, not millions) read by one paged Query each; one partner's by its index
 * partition. A grain's items (its shard's, and shard 0's from before the shards) are added on read.
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
    // Every partner's: the shards' partitions; one partner's: its index partition. All sort by program first.
    const sortKey = scope.programId === undefined ? {} : { sortKey: { beginsWith: `${scope.programId}#` } };
    const queries: PartitionQuery[] =
      scope.partnerId === undefined
        ? shardPartitions.map((partition) => ({ partition, ...sortKey }))
        : [{ index: 'gsi1', partition: partnerLiabilitiesPartition(scope.partnerId), ...sortKey }];
    return this.added(queries);
  }

  /**
   * One program period's summaries, read consistently: the program's grains of every period are read (its
   * partners × periods × currencies, however many postings they sum), the other periods' filtered out.
   */
  async ofPeriod(programId: string, period: string): Promise<LiabilitySummary[]> {
    return this.added(
      shardPartitions.map((partition) => ({
        partition,
        sortKey: { beginsWith: `${programId}#` },
        filter: {
          expression: '#period = :period',
          names: { '#period': 'period' },
          values: { ':period': period },
        },
        consistent: true,
      })),
    );
  }

  /** The items `queries` find (in parallel), one summary per grain. */
  private async added(queries: readonly PartitionQuery[]): Promise<LiabilitySummary[]> {
    const pages = await Promise.all(queries.map((query) => allItems(this.client, this.tableName, query)));
    return addedByGrain(pages.flat().map(toSummary));
  }
}
