import type { ApprovalLevel } from '../../../domain/approvals/approval-policy';
import { type ApprovalTask, claimSubject, claimSummary } from '../../../domain/approvals/approval-task';
import type { Claim } from '../../../domain/claims/claim';
import { claim } from '../claims/builders';

/** A validated 15,000.00 USD rebate claim of partner P1, submitted by its user (the claims side's builder). */
export const validatedClaim = (overrides: Partial<Claim> = {}): Claim =>
  claim({
    lines: [{ lineNumber: 1, amount: '15000.00', reference: 'INV-1', evidence: [] }],
    amountClaimed: '15000.00',
    ...overrides,
  });

/** The task waiting for `levels[levelIndex]` of `waitingClaim`. */
export function waitingTask(waitingClaim: Claim, levels: ApprovalLevel[], levelIndex: number): ApprovalTask {
  const level = levels[levelIndex] ?? 'approver';
  return {
    taskId: `${waitingClaim.claimId}.t${levelIndex}`,
    kind: 'decision',
    claimId: waitingClaim.claimId,
    partnerId: waitingClaim.partnerId,
    level,
    levelIndex,
    levels,
    role: level,
    reminders: 0,
    status: 'waiting',
    createdAt: '2026-04-02T10:00:00.000Z',
    subject: claimSubject(waitingClaim),
    claim: claimSummary(waitingClaim),
  };
}
