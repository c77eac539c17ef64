import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { type Role, roleSchema } from '../../domain/access/actor';
import { type RequestSubjectRef, requestSubjectKinds } from '../../domain/approvals/approval-subject';
import {
  type ApprovalClaimSummary,
  type ApprovalTask,
  claimSubject,
  type InboxTask,
  isRequestTask,
  type RequestApprovalTask,
} from '../../domain/approvals/approval-task';
import type { ApprovalTaskStore } from '../../domain/approvals/ports';
import { claimTypes } from '../../domain/claims/claim';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import type { Page } from '../../domain/shared/ports';
import { checkedFields, readBack, readerOf } from './read-back';
import { allItems, pageMapped, partitionPage, storageStripper, type TableItem } from './table-access';
import {
  approvalInboxKey,
  approvalInboxPartition,
  approvalTaskKey,
  claimApprovalsIndexKey,
  claimApprovalsPartition,
  requestApprovalsIndexKey,
  requestApprovalsPartition,
} from './table-keys/approvals';

const itemType = 'ApprovalTask';
/** Storage attributes of a task item, never part of the task the domain and the API see. */
const withoutStorage = storageStripper('type', 'taskToken');

/** Read-back checks: what every task is filed and shown by; its decision and levels are kept as written. */
const taskFields = {
  taskId: z.string().min(1),
  partnerId: z.string().min(1),
  levelIndex: z.number().int().nonnegative(),
  role: roleSchema,
  status: z.enum(['waiting', 'decided', 'expired']),
  createdAt: z.string().min(1),
};
const claimTaskFields = {
  ...taskFields,
  kind: z.enum(['decision', 'partnerAnswer']),
  claimId: z.string().min(1),
  claim: checkedFields<ApprovalClaimSummary>()({
    claimId: z.string().min(1),
    type: z.enum(claimTypes),
    partnerId: z.string().min(1),
    currency: currencyCodeSchema,
    amountClaimed: z.string(),
  }),
};
/** A claim task stored before tasks named their subject. */
const subjectlessClaimTaskSchema = checkedFields<Omit<ApprovalTask, 'subject'>>()(claimTaskFields);
const claimTaskSchema = checkedFields<ApprovalTask>()({
  ...claimTaskFields,
  subject: checkedFields<ApprovalTask['subject']>()({ kind: z.literal('claim'), id: z.string().min(1) }),
});
const requestTaskSchema = checkedFields<RequestApprovalTask>()({
  ...taskFields,
  kind: z.literal('decision'),
  subject: checkedFields<RequestApprovalTask['subject']>()({
    kind: z.enum(requestSubjectKinds),
    id: z.string().min(1),
  }),
});

/**
 * A claim's task read back, without its keys and, above all, without its task token. A claim task stored
 * before tasks named their subject gets the subject its claim summary implies.
 */
function claimTaskOf(item: TableItem): ApprovalTask {
  if (item.subject !== undefined) return readBack(claimTaskSchema, item, withoutStorage);
  const task = readBack(subjectlessClaimTaskSchema, item, withoutStorage);
  return { ...task, subject: claimSubject(task.claim) };
}

const requestTaskOf = readerOf(requestTaskSchema, withoutStorage);

/** Any task read back: a request's task names no claim. */
const taskOf = (item: TableItem): InboxTask =>
  item.claimId === undefined ? requestTaskOf(item) : claimTaskOf(item);

/** What closing a task changes; everything else stays as opened. */
export const closingFields = ['status', 'decision', 'outcome', 'decidedBy', 'decidedAt'] as const;

/**
 * Approval tasks in the single table (see table-keys/approvals.ts): the inbox index (gsi1) holds staff tasks only while
 * they wait, the claim index (gsi2) every task of a claim. The task token is kept on the item for the
 * resumer and stripped from every read.
 */
export class DynamoApprovalTaskStore implements ApprovalTaskStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(taskId: string): Promise<InboxTask | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: approvalTaskKey(taskId), ConsistentRead: true }),
    );
    return Item ? taskOf(Item) : undefined;
  }

  /** The token that resumes the workflow waiting on `taskId`, for the resumer only. */
  async tokenOf(taskId: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: approvalTaskKey(taskId),
        ProjectionExpression: 'taskToken',
        ConsistentRead: true,
      }),
    );
    return typeof Item?.taskToken === 'string' ? Item.taskToken : undefined;
  }

  async open(task: InboxTask, resumeToken: string): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...task,
            ...approvalTaskKey(task.taskId),
            // Partners answer from the claim, not from an inbox.
            ...(task.kind === 'decision' ? approvalInboxKey(task.role, task.createdAt, task.taskId) : {}),
            ...(isRequestTask(task)
              ? requestApprovalsIndexKey(task.subject, task.createdAt, task.taskId)
              : claimApprovalsIndexKey(task.claimId, task.createdAt, task.taskId)),
            type: itemType,
            taskToken: resumeToken,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async close(closed: InboxTask): Promise<boolean> {
    const fields = closingFields.filter((field) => closed[field] !== undefined);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: approvalTaskKey(closed.taskId),
          UpdateExpression: `SET ${fields.map((field) => `#${field} = :${field}`).join(', ')} REMOVE gsi1pk, gsi1sk`,
          ConditionExpression: '#status = :waiting',
          ExpressionAttributeNames: Object.fromEntries(fields.map((field) => [`#${field}`, field])),
          ExpressionAttributeValues: {
            ...Object.fromEntries(fields.map((field) => [`:${field}`, closed[field]])),
            ':waiting': 'waiting',
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async waitingFor(
    role: Role,
    page: { readonly limit: number; readonly cursor?: string | undefined },
  ): Promise<Page<InboxTask>> {
    const partition = approvalInboxPartition(role);
    return pageMapped(
      await partitionPage(this.client, this.tableName, { index: 'gsi1', partition, page }),
      taskOf,
    );
  }

  async ofClaim(claimId: string): Promise<ApprovalTask[]> {
    const items = await allItems(this.client, this.tableName, {
      index: 'gsi2',
      partition: claimApprovalsPartition(claimId),
    });
    return items.map(claimTaskOf);
  }

  async ofRequest(subject: RequestSubjectRef): Promise<RequestApprovalTask[]> {
    const items = await allItems(this.client, this.tableName, {
      index: 'gsi2',
      partition: requestApprovalsPartition(subject.kind, subject.id),
    });
    return items.map(requestTaskOf);
  }
}
