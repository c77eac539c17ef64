import type { Actor } from '../access/actor';
import { type ApprovalLevel, type ApprovalPolicy, requiredLevels } from '../approvals/approval-policy';
import { ForbiddenError } from '../shared/errors';
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

/**
 * Refuses (403) unless `actor` may decide the request's next level: a user of that level's role (or an admin),
 * never whoever submitted it, never one who signed an earlier level.
 */
export function assertMayDecideRequest(actor: Actor, request: FundRequest): ApprovalLevel {
  const level = nextLevel(request);
  if (actor.role !== level && actor.role !== 'admin') {
    throw new ForbiddenError(
      `Fund request '${request.requestId}' waits for role '${level}', not '${actor.role}'`,
    );
  }
  if (actor.userId === request.submittedBy.userId) {
    throw new ForbiddenError('Whoever submitted a fund request may not approve it');
  }
  if (request.signatures?.some((signature) => signature.by.userId === actor.userId)) {
    throw new ForbiddenError('You signed another level of this request: a second person must sign this one');
  }
  return level;
}
