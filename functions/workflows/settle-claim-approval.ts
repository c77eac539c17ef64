import { approvalWorkflowStateSchema } from '../../domain/approvals/approval-workflow-state';
import { settleClaimApproval } from '../../domain/approvals/approval-workflow-steps';
import { approvals } from '../approvals/approvals';
import { workflowTask } from '../shared/entry-points';

/** Last claim-approval step: settle the decided claim (ledger, reservation) and publish ClaimDecided. */
export const handler = workflowTask(approvalWorkflowStateSchema, async (state) => {
  await settleClaimApproval(approvals, state);
  return state;
});
