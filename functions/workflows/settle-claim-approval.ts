import { approvalWorkflowStateSchema } from '../../domain/approvals/approval-workflow-state';
import { settleClaimApproval } from '../../domain/approvals/approval-workflow-steps';
import { approvals } from '../approvals/approvals';

/** Last claim-approval step: settle the decided claim (ledger, reservation) and publish ClaimDecided. */
export const handler = async (state: unknown) => {
  const parsed = approvalWorkflowStateSchema.parse(state);
  await settleClaimApproval(approvals, parsed);
  return parsed;
};
