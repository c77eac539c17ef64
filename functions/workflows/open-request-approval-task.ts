import { z } from 'zod';
import { requestApprovalStateSchema } from '../../domain/approvals/request-approval-state';
import { openRequestApprovalTask } from '../../domain/approvals/request-approval-steps';
import { approvals } from '../approvals/approvals';
import { workflowTask } from '../shared/entry-points';
import { approvalTaskIdOf } from './approval-task-id';

const inputSchema = z.object({ state: requestApprovalStateSchema, taskToken: z.string().min(1) });

/**
 * The Lambda of a request's `.waitForTaskToken` wait: stores the task of the request's next level with its
 * token, then returns; the workflow waits until the inbox's decision sends the task's result.
 */
export const handler = workflowTask(inputSchema, async ({ state, taskToken }) => {
  await openRequestApprovalTask(approvals, {
    state,
    taskId: approvalTaskIdOf(state.subject.id, taskToken),
    resumeToken: taskToken,
  });
});
