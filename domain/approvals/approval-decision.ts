import { z } from 'zod';
import type { Claim, ClaimActor, ClaimHistoryEntry, ClaimStatus } from '../claims/claim';
import { ValidationError } from '../shared/errors';
import { fromMinorUnits, isLedgerAmount, toMinorUnits } from '../shared/money/minor-units';
import type { ApprovalLevel } from './approval-policy';
import { transitionClaim } from './approval-transitions';

/** Why a claim is rejected; stable codes a partner can act on. */
export const rejectionReasonCodes = [
  'insufficientEvidence',
  'notEligible',
  'duplicateClaim',
  'amountNotSupported',
  'partnerDidNotAnswer',
  'other',
] as const;

const comment = z.string().trim().min(1).max(1000).describe('Free text kept in the audit trail');

/** What an approver decides on a task. */
export const approvalDecisionSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('approve').describe('Approve the amount under approval'),
    comment: comment.optional(),
  }),
  z.object({
    decision: z.literal('approvePartial').describe('Approve a lower amount'),
    amount: z
      .string()
      .describe(
        'Amount approved: > 0, below the amount under approval, with the claim currency’s minor units',
      ),
    reason: comment.describe('Why less than claimed (kept in the audit trail)'),
  }),
  z.object({
    decision: z.literal('reject').describe('Reject the claim'),
    reasonCode: z.enum(rejectionReasonCodes).describe('Why, as a code the partner can act on'),
    comment: comment.optional(),
  }),
  z.object({
    decision: z
      .literal('returnToPartner')
      .describe('Ask the partner for information; approval waits for the answer'),
    question: z.string().trim().min(1).max(2000).describe('What the partner must answer'),
  }),
]);
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

/**
 * Where the workflow goes after a decision: the next level (`levelApproved`), the partner (`returned`), or
 * settlement (`decided`: approved, partially approved or rejected).
 */
export type DecisionOutcome = 'levelApproved' | 'returned' | 'decided';

export interface DecidedClaim {
  readonly claim: Claim;
  readonly outcome: DecisionOutcome;
}

/** The amount currently under approval: what an earlier level approved, else what was claimed. */
export const amountUnderApproval = (claim: Claim) => claim.amountApproved ?? claim.amountClaimed;

function partialAmount(claim: Claim, amount: string): string {
  const problem = (message: string) =>
    new ValidationError('The partial amount is invalid', [{ path: 'amount', message }]);
  if (!isLedgerAmount(amount, claim.currency)) {
    throw problem(`must be a ${claim.currency} amount with the currency's minor units`);
  }
  const value = toMinorUnits(amount, claim.currency);
  if (value <= 0n) throw problem('must be greater than zero');
  if (value >= toMinorUnits(amountUnderApproval(claim), claim.currency)) {
    throw problem(`must be below the amount under approval (${amountUnderApproval(claim)}); approve instead`);
  }
  return amount;
}

/**
 * The claim after `decision` on `task` (who may decide is checked by `assertMayDecide`). An approval on the
 * last level ends `approved`, or `partiallyApproved` when a level approved less than claimed; on an earlier
 * level the claim stays `inApproval` with the amount approved so far. Every decision adds one audit entry.
 */
export function decideClaim(
  claim: Claim,
  task: { readonly levelIndex: number; readonly levels: readonly ApprovalLevel[] },
  by: ClaimActor,
  decision: ApprovalDecision,
  at: string,
): DecidedClaim {
  const before = amountUnderApproval(claim);
  const lastLevel = task.levelIndex >= task.levels.length - 1;
  const approvedStatus = (amount: string): ClaimStatus => {
    if (!lastLevel) return 'inApproval';
    return amount === claim.amountClaimed ? 'approved' : 'partiallyApproved';
  };
  const next = (
    to: ClaimStatus,
    detail: Pick<ClaimHistoryEntry, 'amountAfter' | 'comment' | 'reasonCode'>,
    amountApproved?: string,
  ): Claim =>
    transitionClaim(claim, 'inApproval', to, { at, by, amountBefore: before, ...detail }, amountApproved);
  switch (decision.decision) {
    case 'approve': {
      const to = approvedStatus(before);
      const comment = decision.comment === undefined ? {} : { comment: decision.comment };
      return { claim: next(to, { amountAfter: before, ...comment }, before), outcome: outcomeOf(to) };
    }
    case 'approvePartial': {
      const amount = partialAmount(claim, decision.amount);
      const to = approvedStatus(amount);
      return {
        claim: next(to, { amountAfter: amount, comment: decision.reason }, amount),
        outcome: outcomeOf(to),
      };
    }
    case 'reject': {
      const zero = fromMinorUnits(0n, claim.currency);
      const comment = decision.comment === undefined ? {} : { comment: decision.comment };
      return {
        claim: next('rejected', { amountAfter: zero, reasonCode: decision.reasonCode, ...comment }, zero),
        outcome: 'decided',
      };
    }
    case 'returnToPartner':
      return {
        claim: next('returnedToPartner', { amountAfter: before, comment: decision.question }),
        outcome: 'returned',
      };
  }
}

const outcomeOf = (status: ClaimStatus): DecisionOutcome =>
  status === 'inApproval' ? 'levelApproved' : 'decided';
