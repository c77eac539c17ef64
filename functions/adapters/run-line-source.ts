import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { monthsOf, type PartnerMonth, type PartnerMonthChanges } from '../../domain/accrual-runs/line-state';
import type { RunLineSource } from '../../domain/accrual-runs/ports';
import type { ChannelSaleLine } from '../../domain/accrual-runs/run-lines';
import { type SaleField, saleFields } from '../../domain/ingestion/mapping-profile';
import type { PartnerData } from '../../domain/partners/partner';
import type { RecordStore } from '../../domain/shared/ports';
import { runSaleLinesOf } from './channel-line-items';
import { readLineChanges, salesShardsOfPartners } from './line-change-counters';
import { partitionPages } from './table-access';
import { salesByPeriodPartition } from './table-keys/channel-lines';

/** Canonical sale fields the store keeps that a run does not read (`ChannelSaleLine` has no place for them). */
const notReadByRuns: ReadonlySet<SaleField> = new Set(['partnerSku', 'unitPrice', 'endCustomerName']);

/**
 * The attributes of a stored sale line that a run reads: the canonical fields it uses, the partner, the
 * product's category, custom fields and the source. Keys, index keys and ingest bookkeeping stay in the
 * table, which halves what DynamoDB sends and the SDK converts for a million lines.
 */
const runLineFields: readonly (keyof ChannelSaleLine)[] = [
  ...saleFields.filter((field): field is SaleField & keyof ChannelSaleLine => !notReadByRuns.has(field)),
  'partnerId',
  'category',
  'custom',
  'sourceFileId',
  'sourceLineNumber',
];

/**
 * Partitions read at once: each month is partners × shards partitions, mostly small; a few in flight keep
 * DynamoDB busy on its other threads while this one converts pages.
 */
const parallelPartitions = 8;

/**
 * Every partner's sale lines of a month: each shard of the partner-month index that its shard directory lists
 * (see table-keys/channel-lines.ts), several at a time.
 */
export class DynamoRunLineSource implements RunLineSource {
  constructor(
    private readonly partners: RecordStore<PartnerData>,
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async *salesInMonth(month: string, onlyPartnerId?: string): AsyncIterable<ChannelSaleLine> {
    const partnerIds = onlyPartnerId === undefined ? await this.partnerIds() : [onlyPartnerId];
    yield* this.salesOf(partnerIds.map((partnerId) => ({ partnerId, month })));
  }

  /** Every shard of every partner-month given, all months' partitions in one pool (see `pagesInParallel`). */
  async *salesOf(partnerMonths: readonly PartnerMonth[]): AsyncIterable<ChannelSaleLine> {
    const partitions: string[] = [];
    for (const month of monthsOf(partnerMonths)) {
      const partnerIds = partnerMonths
        .filter((entry) => entry.month === month)
        .map((entry) => entry.partnerId);
      const shards = await salesShardsOfPartners(this.client, this.tableName, partnerIds, month);
      for (const partnerId of partnerIds) {
        for (const shard of shards.get(partnerId) ?? []) {
          partitions.push(salesByPeriodPartition(partnerId, month, shard));
        }
      }
    }
    for await (const page of pagesInParallel(partitions, (partition) => this.pages(partition))) {
      yield* page;
    }
  }

  async lineChanges(months: readonly string[]): Promise<PartnerMonthChanges[]> {
    return readLineChanges(this.client, this.tableName, await this.partnerIds(), months);
  }

  private async *pages(partition: string): AsyncIterable<readonly ChannelSaleLine[]> {
    const query = { index: 'gsi1', partition, projection: runLineFields } as const;
    for await (const page of partitionPages(this.client, this.tableName, query)) {
      yield runSaleLinesOf(partition, page);
    }
  }

  private async partnerIds(): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.partners.list({ limit: 100, cursor });
      for (const partner of page.items) ids.push(partner.partnerId);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return ids;
  }
}

/**
 * The pages of every task, `parallelPartitions` tasks at a time, in the order they arrive (a run's line set
 * does not depend on order: its fingerprint is order-free). A failing task fails the iteration.
 */
async function* pagesInParallel<T, P>(
  tasks: readonly T[],
  pagesOf: (task: T) => AsyncIterable<P>,
): AsyncIterable<P> {
  const ready: P[] = [];
  let wake: (() => void) | undefined;
  let next = 0;
  let finished = false;
  let failure: { readonly error: unknown } | undefined;
  const worker = async () => {
    while (next < tasks.length) {
      for await (const page of pagesOf(tasks[next++] as T)) {
        ready.push(page);
        wake?.();
      }
    }
  };
  Promise.all(Array.from({ length: Math.min(parallelPartitions, tasks.length) }, worker)).then(
    () => {
      finished = true;
      wake?.();
    },
    (error: unknown) => {
      failure = { error };
      wake?.();
    },
  );
  for (;;) {
    if (failure !== undefined) throw failure.error;
    const page = ready.shift();
    if (page !== undefined) yield page;
    else if (finished) return;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
}
