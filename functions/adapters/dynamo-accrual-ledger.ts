import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AccrualLedger, LedgerScope } from '../../domain/accrual-runs/ports';
import { type LedgerPosting, ledgerPostingSchema } from '../../domain/ledger/ledger-posting';
import type { LedgerReader } from '../../domain/ledger/ports';
import { VersionConflictError } from '../../domain/shared/errors';
import {
  checkbookPartition,
  journalPartition,
  ledgerHeadKey,
  ledgerPartition,
  ledgerPostingKeys,
  runPostingsPartition,
} from './table-keys';

// A transaction holds at most 100 items: 99 postings and the scope head.
const postingsPerTransaction = 99;
const storageAttributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'type'];

function toPosting(item: Record<string, unknown>): LedgerPosting {
  const posting = { ...item };
  for (const attribute of storageAttributes) delete posting[attribute];
  return ledgerPostingSchema.parse(posting);
}

/**
 * The ledger in the single table. Postings are immutable items written with "must not exist", each
 * transaction together with the program period's head item, whose `sequence` must still be the one the
 * caller read: two runs posting into one period cannot both succeed, and a retried transaction that
 * already committed fails instead of posting twice.
 */
export class DynamoAccrualLedger implements AccrualLedger, LedgerReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async scope(programId: string, period: string): Promise<LedgerScope> {
    let sequence = 0;
    const postings: LedgerPosting[] = [];
    for await (const item of this.query({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': ledgerPartition(programId, period) },
      ConsistentRead: true,
    })) {
      if (item.sk === 'HEAD') sequence = Number(item.sequence);
      else postings.push(toPosting(item));
    }
    return { sequence, postings };
  }

  async append(
    programId: string,
    period: string,
    expectedSequence: number,
    postings: readonly LedgerPosting[],
  ): Promise<void> {
    let sequence = expectedSequence;
    for (let start = 0; start < postings.length; start += postingsPerTransaction) {
      const chunk = postings.slice(start, start + postingsPerTransaction);
      try {
        await this.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: ledgerHeadKey(programId, period),
                  UpdateExpression: 'SET #sequence = :next, #type = :type',
                  ConditionExpression: 'attribute_not_exists(pk) OR #sequence = :expected',
                  ExpressionAttributeNames: { '#sequence': 'sequence', '#type': 'type' },
                  ExpressionAttributeValues: {
                    ':next': sequence + 1,
                    ':expected': sequence,
                    ':type': 'LedgerHead',
                  },
                },
              },
              ...chunk.map((posting) => ({
                Put: {
                  TableName: this.tableName,
                  Item: { ...posting, ...ledgerPostingKeys(posting), type: 'LedgerPosting' },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              })),
            ],
          }),
        );
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          throw new VersionConflictError(
            `the ledger of ${programId} ${period} changed since sequence ${sequence}`,
            undefined,
          );
        }
        throw error;
      }
      sequence++;
    }
  }

  async postingsOfRun(runId: string): Promise<LedgerPosting[]> {
    return this.collect({
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': runPostingsPartition(runId) },
    });
  }

  /** Every posting a partner benefits from, optionally of one program. */
  checkbookPostings(partnerId: string, programId?: string): Promise<LedgerPosting[]> {
    return this.collect({
      IndexName: 'gsi1',
      KeyConditionExpression:
        programId === undefined ? 'gsi1pk = :pk' : 'gsi1pk = :pk AND begins_with(gsi1sk, :program)',
      ExpressionAttributeValues: {
        ':pk': checkbookPartition(partnerId),
        ...(programId === undefined ? {} : { ':program': `${programId}#` }),
      },
    });
  }

  /** Every posting with an accounting date in one month (the GL journal's source). */
  postingsOfMonth(month: string): Promise<LedgerPosting[]> {
    return this.collect({
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': journalPartition(month) },
    });
  }

  private async collect(input: Omit<QueryCommandInput, 'TableName'>): Promise<LedgerPosting[]> {
    const postings: LedgerPosting[] = [];
    for await (const item of this.query(input)) postings.push(toPosting(item));
    return postings;
  }

  private async *query(input: Omit<QueryCommandInput, 'TableName'>) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          ...input,
          TableName: this.tableName,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      yield* page.Items ?? [];
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
}
