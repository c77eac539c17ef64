import { createHash } from 'node:crypto';
import { ExecutionAlreadyExists, type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Claim } from '../../domain/claims/claim';
import type { ClaimApprovalWorkflow } from '../../domain/claims/ports';

/**
 * The execution name of a claim's approval: the claim id when Step Functions accepts it as a name (1–80 of
 * letters, digits, `-` and `_`), else a digest of it, so one claim always maps to one name.
 */
export function approvalExecutionName(claimId: string): string {
  if (/^[A-Za-z0-9_-]{1,80}$/.test(claimId)) return claimId;
  return `claim-${createHash('sha256').update(claimId).digest('hex').slice(0, 64)}`;
}

/** Starts a claim's approval workflow; the execution is named after the claim, so a claim starts once. */
export class SfnClaimApprovalWorkflow implements ClaimApprovalWorkflow {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(claim: Pick<Claim, 'claimId'>): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: approvalExecutionName(claim.claimId),
          input: JSON.stringify({ claimId: claim.claimId }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ExecutionAlreadyExists)) throw error;
    }
  }
}
