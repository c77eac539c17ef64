import type { Actor } from '../access/actor';
import type { Claim, ClaimActor, ClaimHistoryEntry, ClaimStatus } from '../claims/claim';
import { ForbiddenError, NotFoundError, StateConflictError } from '../shared/errors';

/** The workflow's own signature in the audit trail (approval start, automatic approval, expiry). */
export const systemActor: ClaimActor = { userId: 'system', role: 'admin' };

/** `claim` moved from `from` (else 409) to `to`, one audit entry added, its version one up. */
export function transitionClaim(
  claim: Claim,
  from: ClaimStatus,
  to: ClaimStatus,
  entry: Omit<ClaimHistoryEntry, 'from' | 'to'>,
  amountApproved?: string,
): Claim {
  if (claim.status !== from) {
    throw new StateConflictError(`Claim '${claim.claimId}' is ${claim.status}, not ${from}`);
  }
  return {
    ...claim,
    status: to,
    ...(amountApproved === undefined ? {} : { amountApproved }),
    history: [...claim.history, { ...entry, from, to }],
    version: claim.version + 1,
  };
}

/** A validated claim enters approval (the workflow's first step). */
export const beginApproval = (claim: Claim, at: string): Claim =>
  transitionClaim(claim, 'validated', 'inApproval', { at, by: systemActor });

/** A claim below the policy's auto-approve threshold is approved in full by the system. */
export const autoApprove = (claim: Claim, at: string): Claim =>
  transitionClaim(
    claim,
    'inApproval',
    'approved',
    {
      at,
      by: systemActor,
      amountBefore: claim.amountClaimed,
      amountAfter: claim.amountClaimed,
      reasonCode: 'belowAutoApproveThreshold',
    },
    claim.amountClaimed,
  );

/**
 * A validated claim enters approval; one the policy approves automatically is approved in the same stored
 * change: both audit entries, one version up (one conditional write instead of two).
 */
export function enterApproval(claim: Claim, at: string, automatic: boolean): Claim {
  const entered = beginApproval(claim, at);
  return automatic ? { ...autoApprove(entered, at), version: entered.version } : entered;
}

/**
 * The partner's answer to a question: the claim goes back into approval, the answer in its audit trail. A
 * partner answers only its own claims (another partner's claim is "not found"); a channel manager may answer
 * on the partner's behalf, as they may submit for it.
 */
export function answerReturn(claim: Claim, actor: Actor, answer: string, at: string): Claim {
  if (actor.role === 'partner' && actor.partnerId !== claim.partnerId) {
    throw new NotFoundError(`Claim '${claim.claimId}' not found`);
  }
  if (actor.role !== 'partner' && actor.role !== 'channel_manager') {
    throw new ForbiddenError('Only the partner (or its channel manager) answers a returned claim');
  }
  return transitionClaim(claim, 'returnedToPartner', 'inApproval', {
    at,
    by: { userId: actor.userId, role: actor.role },
    comment: answer,
  });
}

/** A returned claim the partner never answered is rejected when its answer task times out. */
export const expireReturn = (claim: Claim, zero: string, at: string): Claim =>
  transitionClaim(
    claim,
    'returnedToPartner',
    'rejected',
    {
      at,
      by: systemActor,
      amountBefore: claim.amountApproved ?? claim.amountClaimed,
      amountAfter: zero,
      reasonCode: 'partnerDidNotAnswer',
    },
    zero,
  );
