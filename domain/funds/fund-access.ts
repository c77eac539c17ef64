import type { Actor } from '../access/actor';
import type { ClaimActor } from '../claims/claim';
import { NotFoundError, StateConflictError } from '../shared/errors';
import type { Fund } from './fund';
import type { FundRequest } from './fund-request';
import type { CommitOutcome, FundDeps, FundTransaction } from './ports';
import type { FundClaim } from './proof-of-performance';

/** Who acted, as audit trails keep it. */
export const actorOf = (actor: Actor): ClaimActor => ({ userId: actor.userId, role: actor.role });

/** A partner sees its own records only; another partner's answer "not found", as if they did not exist. */
const hidden = (actor: Actor, partnerId: string) => actor.role === 'partner' && actor.partnerId !== partnerId;

export async function fundOrNotFound(deps: FundDeps, actor: Actor, fundId: string): Promise<Fund> {
  const fund = await deps.funds.getFund(fundId);
  if (fund === undefined || hidden(actor, fund.partnerId))
    throw new NotFoundError(`Fund '${fundId}' not found`);
  return fund;
}

export async function requestOrNotFound(
  deps: FundDeps,
  actor: Actor,
  requestId: string,
): Promise<FundRequest> {
  const request = await deps.funds.getRequest(requestId);
  if (request === undefined || hidden(actor, request.partnerId)) {
    throw new NotFoundError(`Fund request '${requestId}' not found`);
  }
  return request;
}

export async function claimOrNotFound(deps: FundDeps, actor: Actor, fundClaimId: string): Promise<FundClaim> {
  const claim = await deps.funds.getClaim(fundClaimId);
  if (claim === undefined || hidden(actor, claim.partnerId)) {
    throw new NotFoundError(`Fund claim '${fundClaimId}' not found`);
  }
  return claim;
}

/** Attempts of a read-decide-commit loop before a conflict is reported (409). */
const maxAttempts = 5;

/**
 * Reads, decides and commits until the commit lands: a `conflict` (someone moved the fund, request or claim
 * between read and write) reads again; the decision may then refuse. Any other outcome is returned.
 */
export async function commitWithRetry(
  deps: FundDeps,
  decide: () => Promise<FundTransaction>,
): Promise<Exclude<CommitOutcome, 'conflict'>> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const outcome = await deps.funds.commit(await decide());
    if (outcome !== 'conflict') return outcome;
  }
  throw new StateConflictError('The fund changed too often meanwhile; try again');
}
