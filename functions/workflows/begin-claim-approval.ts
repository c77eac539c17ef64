import { startClaimApproval } from '../../domain/approvals/approval-workflow-steps';
import { approvals } from '../approvals/approvals';

/** Claim-approval step 1: the claim enters approval; its levels are fixed (or it is approved automatically). */
export const handler = async (input: { readonly claimId: string }) =>
  startClaimApproval(approvals, { claimId: input.claimId });
