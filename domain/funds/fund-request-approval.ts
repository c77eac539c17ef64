import type { Actor, Role } from '../access/actor';
import { type ApprovalLevel, type ApprovalPolicy, requiredLevels } from '../approvals/approval-policy';
import type { RequestUnderApproval } from '../approvals/ports';
import { assertMaySign } from '../approvals/segregation-of-duties';
import type { FundRequest } from './fund-request';

/**
 * The levels that must approve `amount` of a request, by the claims' approval policy thresholds: an approver up
 * to the single-approver ceiling, an approver then finance above it. Never none: a pre-approval promises money
 * before any proof, so the auto-approval threshold does not apply to it.
 */
export function fundRequestLevels(
  policy: ApprovalPolicy,
  request: Pick<FundRequest, 'currency'>,
  amount: string,
): ApprovalLevel[] {
  const levels = requiredLevels(policy, { amountClaimed: amount, currency: request.currency });
  return levels.length === 0 ? ['approver'] : levels;
}

/** The level that signs next: the first after those signed. */
export const nextLevel = (request: Pick<FundRequest, 'signatures'>): ApprovalLevel =>
  (request.signatures?.length ?? 0) === 0 ? 'approver' : 'finance';

/** Where a request's decision is taken: its level (by position) and the role it waits for. */
export interface RequestLevelTask {
  readonly levelIndex: number;
  readonly role: Role;
}

/** The amount a level decides: what the earlier level approved, else what was requested. */
export const amountUnderApproval = (request: FundRequest) =>
  request.signatures?.at(-1)?.amount ?? request.requestedAmount;

/**
 * Refuses (403) unless `actor` may sign the request's next level for `role` (by default the level's own; a
 * task escalated to a higher role names it): never whoever submitted it, never one who signed an earlier level.
 */
export function assertMayDecideRequest(
  actor: Actor,
  request: FundRequest,
  role: Role = nextLevel(request),
): ApprovalLevel {
  assertMaySign(actor, role, {
    what: 'fund request',
    requestedBy: request.submittedBy.userId,
    signers: (request.signatures ?? []).map((signature) => signature.by.userId),
  });
  return nextLevel(request);
}

/** A fund request as the request-approval workflow sees it. */
export function fundRequestUnderApproval(request: FundRequest): RequestUnderApproval {
  const amount = amountUnderApproval(request);
  return {
    subject: {
      kind: 'fundRequest',
      id: request.requestId,
      partnerId: request.partnerId,
      currency: request.currency,
      amount,
      summary: `${request.activityType}: ${request.description} (${request.startDate} to ${request.endDate}), fund ${request.fundId}`,
    },
    requestedBy: request.submittedBy.userId,
    signers: (request.signatures ?? []).map((signature) => signature.by.userId),
    awaitingDecision: request.status === 'submitted',
    levels: (policy) => fundRequestLevels(policy, request, amount),
  };
}
