import { beginClaimApprovalTask } from '../../domain/approvals/approval-workflow-state';
import { startClaimApproval } from '../../domain/approvals/approval-workflow-steps';
import { approvals } from '../approvals/approvals';
import { workflowTask } from '../shared/entry-points';

/** Claim-approval step 1: the claim enters approval; its levels are fixed (or it is approved, settled and published). */
export const handler = workflowTask(beginClaimApprovalTask, async (input) =>
  startClaimApproval(approvals, { claimId: input.claimId }),
);
