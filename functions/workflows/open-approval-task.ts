import { createHash } from 'node:crypto';
import { z } from 'zod';
import { approvalWorkflowStateSchema } from '../../domain/approvals/approval-workflow-state';
import { openApprovalTask } from '../../domain/approvals/approval-workflow-steps';
import { approvals } from '../approvals/approvals';
import { workflowTask } from '../shared/entry-points';

const inputSchema = z.object({
  kind: z.enum(['decision', 'partnerAnswer']),
  state: approvalWorkflowStateSchema,
  taskToken: z.string().min(1),
});

/** A task's id: the claim's and a digest of the task token, so a retried step stores the same task once. */
const taskIdOf = (claimId: string, taskToken: string) =>
  `${claimId}.${createHash('sha256').update(taskToken).digest('base64url').slice(0, 22)}`;

/**
 * The Lambda of a `.waitForTaskToken` wait: stores the task people act on (a level's decision, or the
 * partner's answer) with its token, then returns; the workflow waits until the API sends the task's result.
 */
export const handler = workflowTask(inputSchema, async ({ kind, state, taskToken }) => {
  await openApprovalTask(approvals, {
    state,
    kind,
    taskId: taskIdOf(state.claimId, taskToken),
    resumeToken: taskToken,
  });
});
