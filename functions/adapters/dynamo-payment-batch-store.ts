import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  headerOf,
  type PartnerPayment,
  type PaymentBatch,
  type PaymentBatchHeader,
} from '../../domain/payments/payment-batch';
import type { PaymentBatchStore } from '../../domain/payments/ports';
import { AlreadyExistsError } from '../../domain/shared/errors';
import type { Page, PageRequest } from '../../domain/shared/ports';
import { deleteAll, getAll, keyOfItem, putAll } from './dynamo-batch';
import { type ListInParts, partKeysOf, partsAmong } from './list-parts';
import {
  batchExclusions,
  headerItems,
  headerOfItem,
  headerType,
  paymentClaims,
  paymentItems,
  paymentOfItem,
  paymentType,
} from './payment-batch-items';
import { allItems, pageMapped, partitionPage, putIf } from './table-access';
import {
  partnerPaymentKeys,
  partnerPaymentsPartition,
  paymentBatchesOfStatus,
  paymentBatchesPartition,
  paymentBatchPartition,
} from './table-keys/payments';

type Item = Record<string, unknown>;

/**
 * Payment batches in the single table (see table-keys/payments.ts): a header item and one item per partner payment
 * under `PAYBATCH#<batchId>`, payments also indexed by partner. Creation writes the payments first and the
 * header last, conditionally, so a batch is visible only whole; state changes are conditional puts on the
 * version read.
 */
export class DynamoPaymentBatchStore implements PaymentBatchStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(batch: PaymentBatch): Promise<void> {
    await putAll(this.client, this.tableName, paymentItems(batch));
    const stored = await this.putHeader(headerOf(batch), 'attribute_not_exists(pk)');
    if (!stored) throw new AlreadyExistsError(`Payment batch '${batch.batchId}' already exists`);
  }

  async get(batchId: string): Promise<PaymentBatch | undefined> {
    const items = await allItems(this.client, this.tableName, {
      partition: paymentBatchPartition(batchId),
      consistent: true,
    });
    const header = items.find((item) => item.type === headerType);
    if (header === undefined) return undefined;
    const parts = new Map([...partsAmong(items, paymentClaims), ...partsAmong(items, batchExclusions)]);
    const payments = items
      .filter((item) => item.type === paymentType)
      .map((item) => paymentOfItem(item, parts));
    return { ...headerOfItem(header, parts), payments };
  }

  /** A page of headers, newest first; the exclusions of those that keep them in parts read in one BatchGet. */
  async list(request: PageRequest): Promise<Page<PaymentBatchHeader>> {
    const index =
      request.group === undefined
        ? ({ index: 'gsi1', partition: paymentBatchesPartition } as const)
        : ({ index: 'gsi2', partition: paymentBatchesOfStatus(request.group) } as const);
    return this.newestFirst(index, request, batchExclusions, headerOfItem);
  }

  /** Puts the built payments and deletes the payments (and claim parts) of the plan that are no longer in it. */
  async complete(batch: PaymentBatch): Promise<boolean> {
    const items = paymentItems(batch);
    const kept = new Set(items.map((item) => String(item.sk)));
    const stored = await allItems(this.client, this.tableName, {
      partition: paymentBatchPartition(batch.batchId),
      consistent: true,
    });
    const stale = stored.filter(
      (item) =>
        (item.type === paymentType || item.type === paymentClaims.partType) && !kept.has(String(item.sk)),
    );
    await deleteAll(this.client, this.tableName, stale.map(keyOfItem));
    await putAll(this.client, this.tableName, items);
    return this.replaceHeader(headerOf(batch));
  }

  replaceHeader(next: PaymentBatchHeader): Promise<boolean> {
    return this.putHeader(next, '#version = :expected', next.version - 1);
  }

  /** Only the payment's state changes (status, version, return), so its keys stay as created. */
  async replacePayment(next: PartnerPayment): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: paymentBatchPartition(next.batchId), sk: partnerPaymentKeys(next, '').sk },
          UpdateExpression: `SET #status = :status, #version = :version${next.returned ? ', returned = :returned' : ''}`,
          ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
          ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
          ExpressionAttributeValues: {
            ':status': next.status,
            ':version': next.version,
            ':expected': next.version - 1,
            ...(next.returned ? { ':returned': next.returned } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** A page of the partner's payments; the claims of those that keep them in parts are read in one BatchGet. */
  async paymentsOf(partnerId: string, request: PageRequest): Promise<Page<PartnerPayment>> {
    const index = { index: 'gsi1', partition: partnerPaymentsPartition(partnerId) } as const;
    return this.newestFirst(index, request, paymentClaims, paymentOfItem);
  }

  /** A page of an index partition, newest first, each item read with its list's parts (one BatchGet). */
  private async newestFirst<T>(
    index: { readonly index: 'gsi1' | 'gsi2'; readonly partition: string },
    page: PageRequest,
    list: ListInParts,
    read: (item: Item, parts: ReadonlyMap<string, Item>) => T,
  ): Promise<Page<T>> {
    const found = await partitionPage(this.client, this.tableName, { ...index, page, newestFirst: true });
    const parts = await getAll(
      this.client,
      this.tableName,
      found.items.flatMap((item) => partKeysOf(item, list)),
    );
    return pageMapped(found, (item) => read(item, parts));
  }

  /**
   * Puts the header under `condition` (on the version `expected`, when given); false when it fails. Parts of
   * its exclusions go first, so a header is never seen without them.
   */
  private async putHeader(
    header: PaymentBatchHeader,
    condition: string,
    expected?: number,
  ): Promise<boolean> {
    const [item, ...parts] = headerItems(header);
    await putAll(this.client, this.tableName, parts);
    return putIf(
      this.client,
      this.tableName,
      item as Item,
      condition,
      expected === undefined ? {} : { names: { '#version': 'version' }, values: { ':expected': expected } },
    );
  }
}
