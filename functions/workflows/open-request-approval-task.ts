import { openRequestApprovalTask as openTask } from '../../domain/approvals/request-approval-state';
import { openRequestApprovalTask } from '../../domain/approvals/request-approval-steps';
import { approvals } from '../approvals/approvals';
import { workflowTask } from '../shared/entry-points';
import { approvalTaskIdOf } from './approval-task-id';

/**
 * The Lambda of a request's `.waitForTaskToken` wait: stores the task of the request's next level with its
 * token, then returns; the workflow waits until the inbox's decision sends the task's result.
 */
export const handler = workflowTask(openTask, async ({ state, taskToken }) => {
  await openRequestApprovalTask(approvals, {
    state,
    taskId: approvalTaskIdOf(state.subject.id, taskToken),
    resumeToken: taskToken,
  });
});
