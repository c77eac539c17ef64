import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Role } from '../../domain/access/actor';
import type { RequestSubjectRef } from '../../domain/approvals/approval-subject';
import {
  type ApprovalTask,
  claimSubject,
  type InboxTask,
  isRequestTask,
  type RequestApprovalTask,
} from '../../domain/approvals/approval-task';
import type { ApprovalTaskStore } from '../../domain/approvals/ports';
import type { Page } from '../../domain/shared/ports';
import { allItems, pageMapped, partitionPage, storageStripper } from './table-access';
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

/**
 * The task of an item, without its keys and, above all, without its task token. A claim task stored before
 * tasks named their subject gets the subject its claim summary implies.
 */
function taskOf(item: Record<string, unknown>): InboxTask {
  const task = withoutStorage(item);
  if (task.subject !== undefined) return task as unknown as InboxTask;
  const claimTask = task as unknown as Omit<ApprovalTask, 'subject'>;
  return { ...claimTask, subject: claimSubject(claimTask.claim) };
}

/** What closing a task changes; everything else stays as opened. */
const closingFields = ['status', 'decision', 'outcome', 'decidedBy', 'decidedAt'] as const;

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
    return items.map(taskOf) as ApprovalTask[];
  }

  async ofRequest(subject: RequestSubjectRef): Promise<RequestApprovalTask[]> {
    const items = await allItems(this.client, this.tableName, {
      index: 'gsi2',
      partition: requestApprovalsPartition(subject.kind, subject.id),
    });
    return items.map(taskOf) as RequestApprovalTask[];
  }
}
