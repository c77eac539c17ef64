import { z } from 'zod';
import { approvalPolicySchema } from '../../domain/approvals/approval-policy';
import { approvalSubjectKinds } from '../../domain/approvals/approval-subject';
import { claimAnswerSchema, pageQuerySchema } from './api-schemas';
import { taskDecisionSchema } from './approval-decision-body';
import { pageOf } from './record-response-schemas';
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

const actor = z.looseObject({
  userId: z.string().describe('User id'),
  role: z.string().describe('Role the user acted in'),
});
export const approvalTaskResponse = z
  .looseObject({
    taskId: z.string().describe('Task id (send to the decision route)'),
    kind: z.string().describe('`decision` (staff) or `partnerAnswer`'),
    subject: z
      .looseObject({
        kind: z
          .enum(approvalSubjectKinds)
          .describe('What is decided: a `claim`, a `fundRequest` or a `debitAuthorizationRequest`'),
        id: z.string().describe('Its id: claim id, fund request id or authorization number'),
        partnerId: z.string().describe('Partner it is for'),
        currency: z.string().describe('ISO 4217 currency'),
        amount: z
          .string()
          .optional()
          .describe('Amount under approval, decimal string (none for a debit authorization request)'),
        summary: z.string().describe('What is decided, in a line'),
      })
      .describe('What the task decides'),
    claimId: z.string().optional().describe('The claim waiting (claim tasks)'),
    partnerId: z.string().describe('Partner of the subject'),
    level: z.string().describe('Level decided: `approver` or `finance`'),
    levelIndex: z.number().describe('Position of the level, from 0'),
    levels: z.array(z.string()).describe('Every level the subject needs, in order'),
    role: z.string().describe('Role the task waits for (after escalation, a higher one)'),
    reminders: z.number().describe('Reminders sent for this wait so far'),
    status: z.string().describe('`waiting`, `decided` or `expired`'),
    createdAt: z.string().describe('When the task started waiting'),
    claim: z
      .looseObject({
        amountClaimed: z.string().describe('Amount claimed, decimal string in `currency`'),
        currency: z.string().describe('ISO 4217 currency'),
        validationFailures: z
          .array(z.looseObject({}))
          .describe('Automatic validation results (empty: passed)'),
      })
      .optional()
      .describe(
        'Claim summary (claim tasks): partner, program, period, fund, amounts, submitter, validation results',
      ),
    decidedBy: actor.optional().describe('Who decided it'),
  })
  .describe('An approval task (its Step Functions token is never returned)');
const claimResponse = z
  .looseObject({
    claimId: z.string().describe('Claim id'),
    status: z.string().describe('Claim status after the action'),
    amountClaimed: z.string().describe('Amount claimed, decimal string'),
    amountApproved: z.string().optional().describe('Amount approved so far, decimal string'),
    history: z.array(z.looseObject({})).describe('Audit trail: who, role, when, from/to, amounts, reason'),
  })
  .describe('The claim');

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
  {
    method: 'GET',
    path: '/approvals',
    entry: 'functions/api/approvals/list-approvals.ts',
    operationId: 'listApprovals',
    success: [200],
    summary:
      'My inbox: approval tasks waiting for my role, oldest first, each with its subject (claim, fund request, debit authorization request) (staff)',
    query: pageQuerySchema,
    response: pageOf(approvalTaskResponse),
  },
  {
    method: 'POST',
    path: '/approvals/{taskId}/decision',
    entry: 'functions/api/approvals/decide-approval-task.ts',
    operationId: 'decideApprovalTask',
    success: [200],
    problems: [409, 422],
    summary:
      'Decide a task: a claim (approve, approve a lower amount, reject, return to the partner), a fund request (approve, possibly less; reserves at the last level) or a debit authorization request (approve, possibly other terms; reject). Approver, finance, admin; never the requester, never two levels; 409 once decided',
    body: taskDecisionSchema,
    resumesApprovals: true,
    response: z.object({
      task: approvalTaskResponse,
      claim: claimResponse.optional().describe('The claim decided (claim tasks)'),
      request: z
        .looseObject({})
        .optional()
        .describe('The fund request or debit authorization after the decision (request tasks)'),
    }),
  },
  {
    method: 'POST',
    path: '/claims/{claimId}/answer',
    entry: 'functions/api/approvals/answer-returned-claim.ts',
    operationId: 'answerReturnedClaim',
    success: [200],
    problems: [409],
    summary:
      "Answer the approver's question on a returned claim (the partner, or its channel manager); approval resumes",
    body: claimAnswerSchema,
    resumesApprovals: true,
    response: claimResponse,
  },
];
