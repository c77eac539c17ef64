import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  type ApprovalPolicyRecord,
  approvalPolicyId,
} from '../../domain/approvals/approval-policy-use-cases';
import { DynamoRecordStore, type RecordItemSpec } from './dynamo-record-store';
import { storedRecordSchema } from './read-back';
import { approvalPolicyKey, approvalPolicyListKey } from './table-keys/approvals';

const approvalPolicySpec: RecordItemSpec<ApprovalPolicyRecord> = {
  type: 'ApprovalPolicy',
  schema: storedRecordSchema<ApprovalPolicyRecord>()({ policyId: z.literal(approvalPolicyId) }),
  keyOf: approvalPolicyKey,
  idOf: (policy) => policy.policyId,
  listKeyOf: (policy) => approvalPolicyListKey(policy.policyId),
  listScope: () => ({ gsi1pk: 'APPROVALPOLICIES' }),
};

/** The stored approval policy (one versioned record). */
export const approvalPolicyStore = (client: DynamoDBDocumentClient, tableName: string) =>
  new DynamoRecordStore(client, tableName, approvalPolicySpec);
