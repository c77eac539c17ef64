import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import { StateConflictError } from '../shared/errors';
import { addDays } from './deal-conflicts';
import { type DealRegistration, defaultDealPolicy } from './deal-registration';
import {
  dealReviewers,
  moved,
  type ReviewDecision,
  reasonOf,
  registrationOrNotFound,
  requireRegistrant,
  requireStatus,
  today,
  visibleTo,
} from './deal-registration-use-cases';
import type { DealRegistrationDeps } from './ports';

/**
 * What happens to an approved registration while it is protected: one extension (asked by the registrant,
 * granted or refused by a reviewer) and its outcome, won or lost.
 */

/** The registrant asks once for more protection, saying what it has done on the deal since. */
export async function requestExtension(
  deps: DealRegistrationDeps,
  actor: Actor,
  registrationId: string,
  request: { readonly activity: string },
): Promise<DealRegistration> {
  requireRegistrant(actor);
  const registration = await registrationOrNotFound(deps, actor, registrationId);
  if (registration.extension !== undefined) {
    throw new StateConflictError(
      `Deal registration '${registrationId}' was offered its one extension already (${registration.extension.decision ?? 'requested'})`,
    );
  }
  requireStatus(registration, ['approved'], 'ask for an extension');
  const next = await moved(
    deps,
    registration,
    {
      ...registration,
      status: 'extensionRequested',
      extension: { requestedAt: deps.clock().toISOString(), activity: request.activity },
    },
    actor,
  );
  return visibleTo(actor, next);
}

/**
 * A reviewer grants the extension (protection runs `extensionDays` longer; the expiry reminder goes out
 * again before the new end) or refuses it with a reason (approved as before).
 */
export async function decideExtension(
  deps: DealRegistrationDeps,
  actor: Actor,
  registrationId: string,
  decision: ReviewDecision,
): Promise<DealRegistration> {
  requireRole(actor, dealReviewers);
  const reason = reasonOf(decision);
  const registration = await registrationOrNotFound(deps, actor, registrationId);
  requireStatus(registration, ['extensionRequested'], 'have an extension decided');
  const extension = {
    ...(registration.extension ?? { requestedAt: '', activity: '' }),
    decision: decision.decision === 'approve' ? ('granted' as const) : ('refused' as const),
    decidedAt: deps.clock().toISOString(),
    ...(reason === undefined ? {} : { reason }),
  };
  if (decision.decision === 'reject') {
    return moved(deps, registration, { ...registration, status: 'approved', extension }, actor, reason);
  }
  const policy = (await deps.policies.get(registration.programId)) ?? defaultDealPolicy;
  const until = registration.protectedUntil ?? today(deps);
  return moved(
    deps,
    registration,
    { ...registration, status: 'extended', extension, protectedUntil: addDays(until, policy.extensionDays) },
    actor,
    reason,
  );
}

/** The registrant (or a channel manager) records that a protected deal was won or lost. */
export async function recordDealOutcome(
  deps: DealRegistrationDeps,
  actor: Actor,
  registrationId: string,
  outcome: { readonly outcome: 'won' | 'lost'; readonly note?: string | undefined },
): Promise<DealRegistration> {
  requireRegistrant(actor);
  const registration = await registrationOrNotFound(deps, actor, registrationId);
  requireStatus(registration, ['approved', 'extensionRequested', 'extended'], `be marked ${outcome.outcome}`);
  const at = deps.clock().toISOString();
  const next = await moved(
    deps,
    registration,
    {
      ...registration,
      status: outcome.outcome,
      outcome: { at, ...(outcome.note === undefined ? {} : { note: outcome.note }) },
    },
    actor,
    outcome.note,
  );
  return visibleTo(actor, next);
}
