import { requestApprovalStateSchema } from '../../domain/approvals/request-approval-state';
import { escalateRequestTask } from '../../domain/approvals/request-approval-steps';
import { approvals } from '../approvals/approvals';
import { workflowTask } from '../shared/entry-points';

/** A request's decision waited too long: remind or escalate (or go on with a level signed meanwhile). */
export const handler = workflowTask(requestApprovalStateSchema, async (state) =>
  escalateRequestTask(approvals, state),
);
