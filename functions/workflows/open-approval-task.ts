import { openApprovalTask as openTask } from '../../domain/approvals/approval-workflow-state';
import { openApprovalTask } from '../../domain/approvals/approval-workflow-steps';
import { approvals } from '../approvals/approvals';
import { workflowTask } from '../shared/entry-points';
import { approvalTaskIdOf } from './approval-task-id';

/**
 * The Lambda of a `.waitForTaskToken` wait: stores the task people act on (a level's decision, or the
 * partner's answer) with its token, then returns; the workflow waits until the API sends the task's result.
 */
export const handler = workflowTask(openTask, async ({ kind, state, taskToken }) => {
  await openApprovalTask(approvals, {
    state,
    kind,
    taskId: approvalTaskIdOf(state.claimId, taskToken),
    resumeToken: taskToken,
  });
});
