import { approvalWorkflowStateSchema } from '../../domain/approvals/approval-workflow-state';
import { escalateWaitingTask } from '../../domain/approvals/approval-workflow-steps';
import { approvals } from '../approvals/approvals';
import { workflowTask } from '../shared/entry-points';

/** A decision waited too long: remind or escalate (or go on with a decision that won the race). */
export const handler = workflowTask(approvalWorkflowStateSchema, async (state) =>
  escalateWaitingTask(approvals, state),
);
