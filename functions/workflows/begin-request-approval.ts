import { beginRequestApprovalTask } from '../../domain/approvals/request-approval-state';
import { beginRequestApproval } from '../../domain/approvals/request-approval-steps';
import { approvals } from '../approvals/approvals';
import { workflowTask } from '../shared/entry-points';

/** Request-approval step 1: wait for the request's first level, unless it was decided already. */
export const handler = workflowTask(beginRequestApprovalTask, async (input) =>
  beginRequestApproval(approvals, input),
);
