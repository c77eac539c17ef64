import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { PriceProtectionStore } from '../../domain/price-protection/ports';
import type {
  PriceProtectionLine,
  PriceProtectionRun,
} from '../../domain/price-protection/price-protection-run';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import type { Page, PageRequest } from '../../domain/shared/ports';
import { checkedFields, readerOf } from './read-back';
import {
  allItems,
  type ConditionExpression,
  getItem,
  pageMapped,
  partitionPage,
  putIf,
  storageStripper,
} from './table-access';
import {
  partnerPriceProtectionListKey,
  partnerPriceProtectionPartition,
  priceProtectionLineKey,
  priceProtectionLinePrefix,
  priceProtectionRunKey,
  priceProtectionRunListKey,
  priceProtectionRunsPartition,
} from './table-keys/price-protection';

const withoutStorage = storageStripper('itemType', 'itemVersion');
const runItemType = 'PriceProtectionRun';
const lineItemType = 'PriceProtectionLine';

/** Read-back check: the identifying fields of each item type; the computed figures are kept as written. */
const runSchema = checkedFields<PriceProtectionRun>()({
  runId: z.string().min(1),
  status: z.enum(['running', 'completed']),
  currency: currencyCodeSchema,
  request: checkedFields<PriceProtectionRun['request']>()({
    priceListId: z.string(),
    sku: z.string(),
    effectiveFrom: z.string(),
  }),
});
const lineSchema = checkedFields<PriceProtectionLine>()({
  runId: z.string().min(1),
  partnerId: z.string().min(1),
  status: z.enum(['awaitingPartner', 'accepted', 'disputed', 'nothingToProtect', 'recovery']),
  version: z.number().int().positive(),
});

const runOfItem = readerOf(runSchema, withoutStorage);
const lineOfItem = readerOf(lineSchema, withoutStorage);

const runItem = (run: PriceProtectionRun) => ({
  ...run,
  ...priceProtectionRunKey(run.runId),
  ...priceProtectionRunListKey(run.createdAt, run.runId),
  itemType: runItemType,
  itemVersion: 1,
});
const lineItem = (line: PriceProtectionLine) => ({
  ...line,
  ...priceProtectionLineKey(line.runId, line.partnerId),
  ...partnerPriceProtectionListKey(line.partnerId, line.createdAt, line.runId),
  itemType: lineItemType,
});

/** Price protection runs and lines in the single table (access patterns 60–64 in table-keys/price-protection.ts). */
export class DynamoPriceProtectionStore implements PriceProtectionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getRun(runId: string): Promise<PriceProtectionRun | undefined> {
    const item = await getItem(this.client, this.tableName, priceProtectionRunKey(runId));
    return item === undefined ? undefined : runOfItem(item);
  }

  createRun(run: PriceProtectionRun): Promise<boolean> {
    return this.put(runItem(run), 'attribute_not_exists(pk)');
  }

  async saveRun(run: PriceProtectionRun): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: runItem(run) }));
  }

  listRuns(page: PageRequest): Promise<Page<PriceProtectionRun>> {
    return this.query('gsi1', priceProtectionRunsPartition, page, runOfItem);
  }

  async getLine(runId: string, partnerId: string): Promise<PriceProtectionLine | undefined> {
    const item = await getItem(this.client, this.tableName, priceProtectionLineKey(runId, partnerId));
    return item === undefined ? undefined : lineOfItem(item);
  }

  createLine(line: PriceProtectionLine): Promise<boolean> {
    return this.put(lineItem(line), 'attribute_not_exists(pk)');
  }

  replaceLine(next: PriceProtectionLine): Promise<boolean> {
    return this.put(lineItem(next), 'attribute_exists(pk) AND #version = :previous', {
      names: { '#version': 'version' },
      values: { ':previous': next.version - 1 },
    });
  }

  async linesOfRun(runId: string): Promise<PriceProtectionLine[]> {
    const items = await allItems(this.client, this.tableName, {
      partition: priceProtectionRunKey(runId).pk,
      sortKey: { beginsWith: priceProtectionLinePrefix },
      consistent: true,
    });
    return items.map(lineOfItem);
  }

  linesOfPartner(partnerId: string, page: PageRequest): Promise<Page<PriceProtectionLine>> {
    return this.query('gsi1', partnerPriceProtectionPartition(partnerId), page, lineOfItem);
  }

  private async query<T>(
    index: 'gsi1' | 'gsi2',
    partition: string,
    page: PageRequest,
    read: (item: Record<string, unknown>) => T,
  ): Promise<Page<T>> {
    return pageMapped(await partitionPage(this.client, this.tableName, { index, partition, page }), read);
  }

  private put(item: Record<string, unknown>, condition: string, expression?: ConditionExpression) {
    return putIf(this.client, this.tableName, item, condition, expression);
  }
}
