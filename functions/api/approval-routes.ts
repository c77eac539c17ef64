import { z } from 'zod';
import { approvalPolicySchema } from '../../domain/approvals/approval-policy';
import type { RouteSpec } from './route-spec';

const approvalPolicyResponse = z
  .intersection(
    approvalPolicySchema,
    z.looseObject({
      isDefault: z
        .boolean()
        .optional()
        .describe('`true` when no policy is stored and the default applies (then no ETag, no version)'),
      version: z.number().optional().describe('Version of the stored policy (its ETag)'),
      createdAt: z.string().optional().describe('When the policy was first stored'),
      updatedAt: z.string().optional().describe('When this version was stored'),
    }),
  )
  .describe('The approval policy in force');

/** Approval policy, the approvers' inbox and decisions, and the partner's answer to a returned claim. */
export const approvalRoutes: readonly RouteSpec[] = [
  {
    method: 'GET',
    path: '/approval-policy',
    entry: 'functions/api/approvals/get-approval-policy.ts',
    operationId: 'getApprovalPolicy',
    success: [200],
    summary: 'The approval policy in force: thresholds per currency and escalation (staff)',
    response: approvalPolicyResponse,
  },
  {
    method: 'PUT',
    path: '/approval-policy',
    entry: 'functions/api/approvals/save-approval-policy.ts',
    operationId: 'saveApprovalPolicy',
    success: [201, 200],
    problems: [409, 412, 422],
    summary: 'Store the first approval policy (no If-Match) or replace the version read (If-Match); admin',
    body: approvalPolicySchema,
    response: approvalPolicyResponse,
  },
];
