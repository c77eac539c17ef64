import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { roleSchema } from '../../domain/access/actor';
import type { CurrencyCode } from '../../domain/shared/money/money';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import type { Page, PageRequest } from '../../domain/shared/ports';
import {
  type ClaimLineReversal,
  reversalKeyOf,
  type ShipAndDebitBillBack,
} from '../../domain/ship-and-debit/bill-back';
import type {
  PlannedQuantityRestoration,
  PlannedReversal,
  ShipAndDebitBillBackStore,
} from '../../domain/ship-and-debit/ports';
import { allItems, getItem, pageMapped, partitionPage } from './table-access';
import {
  allShipAndDebitBillBacksPartition,
  debitAuthorizationLineKey,
  openShipAndDebitBillBacksPartition,
  partnerShipAndDebitBillBacksPartition,
  shipAndDebitBillBackKey,
  shipAndDebitBillBackKeys,
  shipAndDebitReversalKey,
  shipAndDebitReversalPartition,
} from './table-keys/ship-and-debit';
import { retryOnTransactionConflict } from './transaction-conflicts';

const billBackType = 'ShipAndDebitBillBack';
const reversalType = 'ShipAndDebitLineReversal';

/** A stored bill-back as it is read back. */
const billBackSchema = z.object({
  billBackId: z.string().min(1),
  partnerId: z.string().min(1),
  currency: currencyCodeSchema,
  returned: z.object({
    invoiceNumber: z.string(),
    invoiceLine: z.string(),
    date: z.string(),
    endCustomerId: z.string(),
    productSku: z.string(),
    quantity: z.number().int().positive(),
  }),
  parts: z.array(
    z.object({
      claimId: z.string().min(1),
      lineNumber: z.number().int().positive(),
      authorizationNumber: z.string(),
      productSku: z.string(),
      quantity: z.number().int().positive(),
      amount: z.string(),
    }),
  ),
  quantity: z.number().int().positive(),
  amount: z.string(),
  restoredQuantity: z.number().int().nonnegative(),
  status: z.enum(['open', 'offset']),
  offsetByClaimId: z.string().exactOptional(),
  createdAt: z.iso.datetime(),
  createdBy: z.object({ userId: z.string(), role: roleSchema }),
}) satisfies z.ZodType<ShipAndDebitBillBack>;

const reversalSchema = z.object({
  claimId: z.string().min(1),
  lineNumber: z.number().int().positive(),
  quantity: z.number().int().nonnegative(),
  amount: z.string(),
  billBackIds: z.array(z.string()),
}) satisfies z.ZodType<ClaimLineReversal>;

const billBackOf = (item: Record<string, unknown>) => billBackSchema.parse(item);

/**
 * The update that nets an open bill-back in a claim's transaction: it becomes `offset` by the claim and
 * leaves the open index, only while it is still open (another claim netting it first cancels this one).
 */
export function billBackOffsetUpdate(tableName: string, billBackId: string, claimId: string) {
  return {
    Update: {
      TableName: tableName,
      Key: shipAndDebitBillBackKey(billBackId),
      UpdateExpression: 'SET #status = :offset, offsetByClaimId = :claimId REMOVE gsi3pk, gsi3sk',
      ConditionExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':offset': 'offset', ':open': 'open', ':claimId': claimId },
    },
  };
}

/**
 * Bill-backs in DynamoDB (access patterns 37-39 in table-keys/ship-and-debit.ts): one item per bill-back, one item per
 * claim line it reversed (what all bill-backs reversed on that line), written in one transaction with the
 * quantities it gives back to the authorization lines (access pattern 32).
 */
export class DynamoShipAndDebitBillBackStore implements ShipAndDebitBillBackStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(billBackId: string): Promise<ShipAndDebitBillBack | undefined> {
    const item = await getItem(this.client, this.tableName, shipAndDebitBillBackKey(billBackId));
    return item?.type === billBackType ? billBackOf(item) : undefined;
  }

  async reversalsOf(claimIds: readonly string[]): Promise<Map<string, ClaimLineReversal>> {
    const found = new Map<string, ClaimLineReversal>();
    await Promise.all(
      claimIds.map(async (claimId) => {
        const items = await allItems(this.client, this.tableName, {
          partition: shipAndDebitReversalPartition(claimId),
          consistent: true,
        });
        for (const item of items) {
          const reversal = reversalSchema.parse(item);
          found.set(reversalKeyOf(reversal.claimId, reversal.lineNumber), reversal);
        }
      }),
    );
    return found;
  }

  async create(
    billBack: ShipAndDebitBillBack,
    reversals: readonly PlannedReversal[],
    restorations: readonly PlannedQuantityRestoration[],
  ): Promise<'saved' | 'exists' | 'changed'> {
    const table = this.tableName;
    const items = [
      {
        Put: {
          TableName: table,
          Item: { ...billBack, ...shipAndDebitBillBackKeys(billBack), type: billBackType },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...reversals.map(({ read, next }) => ({
        Put: {
          TableName: table,
          Item: { ...next, ...shipAndDebitReversalKey(next.claimId, next.lineNumber), type: reversalType },
          // What this bill-back planned on: nothing reversed yet, or exactly the quantity it read.
          ...(read === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'quantity = :read',
                ExpressionAttributeValues: { ':read': read.quantity },
              }),
        },
      })),
      ...restorations.map((restoration) => ({
        Update: {
          TableName: table,
          Key: debitAuthorizationLineKey(restoration.authorizationNumber, restoration.productSku),
          UpdateExpression: 'SET remainingQuantity = :after',
          ConditionExpression: 'remainingQuantity = :read',
          ExpressionAttributeValues: {
            ':read': restoration.expectedRemaining,
            ':after': restoration.expectedRemaining + restoration.quantity,
          },
        },
      })),
    ];
    try {
      await retryOnTransactionConflict(() =>
        this.client.send(new TransactWriteCommand({ TransactItems: items })),
      );
      return 'saved';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'exists';
      if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) return 'changed';
      throw error;
    }
  }

  async openOf(partnerId: string, currency: CurrencyCode, limit: number): Promise<ShipAndDebitBillBack[]> {
    const page = await partitionPage(this.client, this.tableName, {
      index: 'gsi3',
      partition: openShipAndDebitBillBacksPartition(partnerId, currency),
      page: { limit },
    });
    return page.items.map(billBackOf);
  }

  async list(partnerId: string | undefined, page: PageRequest): Promise<Page<ShipAndDebitBillBack>> {
    const [index, partition]: ['gsi1' | 'gsi2', string] =
      partnerId === undefined
        ? ['gsi2', allShipAndDebitBillBacksPartition]
        : ['gsi1', partnerShipAndDebitBillBacksPartition(partnerId)];
    const found = await partitionPage(this.client, this.tableName, { index, partition, page });
    return pageMapped(found, billBackOf);
  }
}
