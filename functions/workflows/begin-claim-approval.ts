import { z } from 'zod';
import { startClaimApproval } from '../../domain/approvals/approval-workflow-steps';
import { approvals } from '../approvals/approvals';
import { workflowTask } from '../shared/entry-points';

/** Claim-approval step 1: the claim enters approval; its levels are fixed (or it is approved, settled and published). */
export const handler = workflowTask(z.object({ claimId: z.string().min(1) }), async (input) =>
  startClaimApproval(approvals, { claimId: input.claimId }),
);
