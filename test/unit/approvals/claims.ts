import type { ApprovalLevel } from '../../../domain/approvals/approval-policy';
import { type ApprovalTask, claimSummary } from '../../../domain/approvals/approval-task';
import type { Claim } from '../../../domain/claims/claim';

/** A validated USD rebate claim submitted by partner P1's user, as the claims side stores it. */
export function validatedClaim(overrides: Partial<Claim> = {}): Claim {
  return {
    claimId: 'CLM-1',
    type: 'rebate',
    partnerId: 'P1',
    programId: 'PRG-1',
    period: 'FY2026-Q1',
    fund: 'rebate',
    currency: 'USD',
    lines: [{ lineNumber: 1, amount: '15000.00', reference: 'INV-1', evidence: [] }],
    amountClaimed: '15000.00',
    status: 'validated',
    submittedBy: { userId: 'u-P1', role: 'partner' },
    submittedAt: '2026-04-02T10:00:00.000Z',
    validationFailures: [],
    history: [],
    version: 1,
    ...overrides,
  };
}

/** The task waiting for `levels[levelIndex]` of `claim`. */
export function waitingTask(claim: Claim, levels: ApprovalLevel[], levelIndex: number): ApprovalTask {
  const level = levels[levelIndex] ?? 'approver';
  return {
    taskId: `${claim.claimId}.t${levelIndex}`,
    kind: 'decision',
    claimId: claim.claimId,
    partnerId: claim.partnerId,
    level,
    levelIndex,
    levels,
    role: level,
    reminders: 0,
    status: 'waiting',
    createdAt: '2026-04-02T10:00:00.000Z',
    claim: claimSummary(claim),
  };
}
