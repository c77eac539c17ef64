import { approvalWorkflowStateSchema } from '../../domain/approvals/approval-workflow-state';
import { expireUnansweredReturn } from '../../domain/approvals/approval-workflow-steps';
import { approvals } from '../approvals/approvals';
import { workflowTask } from '../shared/entry-points';

/** The partner never answered a returned claim: it is rejected (or goes on with an answer that won the race). */
export const handler = workflowTask(approvalWorkflowStateSchema, async (state) =>
  expireUnansweredReturn(approvals, state),
);
