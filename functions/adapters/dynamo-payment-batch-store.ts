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
import { deleteAll, getAll, itemKeyId, putAll } from './dynamo-batch';
import { storedRecord } from './dynamo-record-store';
import {
  claimPartKeys,
  isClaimsPart,
  paymentWithClaimItems,
  withClaimsFromParts,
} from './payment-claim-parts';
import { allItems, pageMapped, partitionPage, putIf } from './table-access';
import type { ItemKey } from './table-keys/item-key';
import {
  partnerPaymentKeys,
  partnerPaymentsPartition,
  paymentBatchesOfStatus,
  paymentBatchesPartition,
  paymentBatchHeaderKeys,
  paymentBatchPartition,
} from './table-keys/payments';

const headerType = 'PaymentBatch';
const keyOfItem = (item: Item): ItemKey => ({ pk: String(item.pk), sk: String(item.sk) });
const paymentType = 'PartnerPayment';

type Item = Record<string, unknown>;

/** The record an item holds, storage attributes removed. */
const recordOf = <T>(item: Item): T => storedRecord<T>(item) as T;

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
    await putAll(this.client, this.tableName, this.paymentItems(batch));
    const stored = await this.conditionalPut(this.headerItem(headerOf(batch)), 'attribute_not_exists(pk)');
    if (!stored) throw new AlreadyExistsError(`Payment batch '${batch.batchId}' already exists`);
  }

  async get(batchId: string): Promise<PaymentBatch | undefined> {
    const items = await allItems(this.client, this.tableName, {
      partition: paymentBatchPartition(batchId),
      consistent: true,
    });
    const header = items.find((item) => item.type === headerType);
    if (header === undefined) return undefined;
    const parts = new Map(items.filter(isClaimsPart).map((item) => [itemKeyId(keyOfItem(item)), item]));
    const payments = items
      .filter((item) => item.type === paymentType)
      .map((item) => recordOf<PartnerPayment>(withClaimsFromParts(item, parts)));
    return { ...recordOf<PaymentBatchHeader>(header), payments };
  }

  list(request: PageRequest): Promise<Page<PaymentBatchHeader>> {
    return request.group === undefined
      ? this.newestFirst('gsi1', paymentBatchesPartition, request)
      : this.newestFirst('gsi2', paymentBatchesOfStatus(request.group), request);
  }

  /** Puts the built payments and deletes the payments (and claim parts) of the plan that are no longer in it. */
  async complete(batch: PaymentBatch): Promise<boolean> {
    const items = this.paymentItems(batch);
    const kept = new Set(items.map((item) => String(item.sk)));
    const stored = await allItems(this.client, this.tableName, {
      partition: paymentBatchPartition(batch.batchId),
      consistent: true,
    });
    const stale = stored.filter(
      (item) => (item.type === paymentType || isClaimsPart(item)) && !kept.has(String(item.sk)),
    );
    await deleteAll(this.client, this.tableName, stale.map(keyOfItem));
    await putAll(this.client, this.tableName, items);
    return this.replaceHeader(headerOf(batch));
  }

  replaceHeader(next: PaymentBatchHeader): Promise<boolean> {
    return this.conditionalPut(this.headerItem(next), '#version = :expected', next.version - 1);
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
    const found = await partitionPage(this.client, this.tableName, {
      index: 'gsi1',
      partition: partnerPaymentsPartition(partnerId),
      page: request,
      newestFirst: true,
    });
    const parts = await getAll(this.client, this.tableName, found.items.flatMap(claimPartKeys));
    return pageMapped(found, (item) => recordOf<PartnerPayment>(withClaimsFromParts(item, parts)));
  }

  /** One page of an index partition, newest (highest sort key) first. */
  private async newestFirst<T>(
    index: 'gsi1' | 'gsi2',
    partition: string,
    page: PageRequest,
  ): Promise<Page<T>> {
    const found = await partitionPage(this.client, this.tableName, {
      index,
      partition,
      page,
      newestFirst: true,
    });
    return pageMapped(found, (item) => recordOf<T>(item));
  }

  private headerItem(header: PaymentBatchHeader): Item {
    return { ...header, ...paymentBatchHeaderKeys(header), type: headerType };
  }

  /** Every payment's item, with the parts of its claims when they would not fit in it. */
  private paymentItems(batch: PaymentBatch): Item[] {
    return batch.payments.flatMap((payment) =>
      paymentWithClaimItems(payment, {
        ...payment,
        ...partnerPaymentKeys(payment, batch.createdAt),
        type: paymentType,
      }),
    );
  }

  /** Puts `item` under `condition` (on the version `expected`, when given); false when it fails. */
  private conditionalPut(item: Item, condition: string, expected?: number): Promise<boolean> {
    return putIf(
      this.client,
      this.tableName,
      item,
      condition,
      expected === undefined ? {} : { names: { '#version': 'version' }, values: { ':expected': expected } },
    );
  }
}
