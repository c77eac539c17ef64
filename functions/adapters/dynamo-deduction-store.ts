import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { claimSchema } from '../../domain/claims/claim-schema';
import {
  type Deduction,
  type DeductionStatus,
  deductionStatuses,
  sameLineKey,
} from '../../domain/deductions/deduction';
import type { ClaimChange, DeductionCreation, DeductionStore } from '../../domain/deductions/ports';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import type { Page, PageRequest } from '../../domain/shared/ports';
import { claimItem } from './dynamo-claim-store';
import { storedRecord } from './dynamo-record-store';
import { checkedFields } from './read-back';
import { getItem, pageMapped, partitionPage, putIf } from './table-access';
import { deductionKey, deductionLineKey, deductionListKey } from './table-keys/deductions';

const deductionType = 'Deduction';

// A transaction holds at most 100 items: the deduction and one per claim it settles.
const maxClaimsPerSettlement = 99;

// Two transactions on one item at the same moment: DynamoDB cancels one with TransactionConflict. Retried,
// its conditions then decide (the winner's write makes them fail).
const maxConflictRetries = 5;

const isTransactionConflict = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');

const deductionItem = (deduction: Deduction) => ({
  ...deduction,
  ...deductionKey(deduction.deductionId),
  ...deductionListKey(deduction.status, deduction.importedAt, deduction.deductionId),
  type: deductionType,
});

/** Read-back check: what a deduction is listed, matched and changed by; the rest is kept as written. */
const deductionSchema = checkedFields<Deduction>()({
  deductionId: z.string().min(1),
  partnerId: z.string().min(1),
  amount: z.string(),
  currency: currencyCodeSchema,
  status: z.enum(deductionStatuses),
  importedAt: z.string().min(1),
  version: z.number().int().positive(),
});

const versionCondition = {
  ConditionExpression: 'attribute_exists(pk) AND #status = :expected AND #version = :previous',
  ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
};

/**
 * Deductions in the single table (see table-keys/deductions.ts): one item each, listed by status in gsi1 (oldest import
 * first), plus a line item per receivables line so the same line imported twice is one deduction. Every
 * change is conditional on the stored status and version; a settlement writes the deduction and its claims
 * in one transaction.
 */
export class DynamoDeductionStore implements DeductionStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(deduction: Deduction): Promise<DeductionCreation> {
    const line = deductionLineKey(sameLineKey(deduction));
    try {
      await this.transact(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...line, type: 'DeductionLine', deductionId: deduction.deductionId },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: deductionItem(deduction),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return { kind: 'created' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const item = await getItem(this.client, this.tableName, line);
      if (item === undefined) throw error;
      return { kind: 'duplicate', deductionId: String(item.deductionId) };
    }
  }

  async get(deductionId: string): Promise<Deduction | undefined> {
    const item = await getItem(this.client, this.tableName, deductionKey(deductionId));
    return item === undefined ? undefined : storedRecord(deductionSchema, item);
  }

  async withStatus(status: DeductionStatus, page: PageRequest): Promise<Page<Deduction>> {
    const listed = await partitionPage(this.client, this.tableName, {
      index: 'gsi1',
      partition: deductionListKey(status, '', '').gsi1pk,
      sortKey: { beginsWith: `${status}#` },
      page,
    });
    return pageMapped(listed, (item) => storedRecord(deductionSchema, item));
  }

  replace(next: Deduction, expected: DeductionStatus): Promise<boolean> {
    return putIf(this.client, this.tableName, deductionItem(next), versionCondition.ConditionExpression, {
      names: versionCondition.ExpressionAttributeNames,
      values: { ':expected': expected, ':previous': next.version - 1 },
    });
  }

  async settle(next: Deduction, claims: readonly ClaimChange[]): Promise<boolean> {
    if (claims.length > maxClaimsPerSettlement) {
      throw new Error(`a deduction settles at most ${maxClaimsPerSettlement} claims, not ${claims.length}`);
    }
    const command = new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.tableName,
            Item: deductionItem(next),
            ...versionCondition,
            ExpressionAttributeValues: { ':expected': 'open', ':previous': next.version - 1 },
          },
        },
        ...claims.map((change) => ({
          Put: {
            TableName: this.tableName,
            Item: claimItem(claimSchema.parse(change.next)),
            ...versionCondition,
            ExpressionAttributeValues: { ':expected': change.expected, ':previous': change.next.version - 1 },
          },
        })),
      ],
    });
    try {
      await this.transact(command);
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  /** Sends a transaction, again while DynamoDB cancels it for a concurrent one (then its conditions decide). */
  private async transact(command: TransactWriteCommand): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(command);
        return;
      } catch (error) {
        if (!isTransactionConflict(error) || attempt === maxConflictRetries) throw error;
      }
    }
  }
}
