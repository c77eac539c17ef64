import type { Actor, Role } from '../access/actor';
import { requireRole, requireVisibleTo } from '../access/policies';
import {
  BusinessRuleError,
  ForbiddenError,
  NotFoundError,
  StateConflictError,
  ValidationError,
} from '../shared/errors';
import { canonicalJson } from '../shared/fingerprint';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import { customerMatchKeys } from './customer-identity';
import { addDays, conflictOutcome, findConflict, matchKeyValues, undecidedClashes } from './deal-conflicts';
import {
  type DealActor,
  type DealRegistration,
  type DealRegistrationRequest,
  type DealRegistrationStatus,
  defaultDealPolicy,
  maxCloseYearsAhead,
  partnerView,
} from './deal-registration';
import type { DealRegistrationDeps } from './ports';

const registrars: readonly Role[] = ['partner', 'channel_manager'];
/** Who approves or rejects registrations and extensions. */
export const dealReviewers: readonly Role[] = ['channel_manager', 'approver', 'admin'];

const actorOf = (actor: Actor): DealActor => ({ userId: actor.userId, role: actor.role });
export const today = (deps: Pick<DealRegistrationDeps, 'clock'>) => deps.clock().toISOString().slice(0, 10);

/** The registration as the caller may see it: a partner only its own, and never who it conflicts with. */
export const visibleTo = (actor: Actor, registration: DealRegistration) =>
  actor.role === 'partner' ? partnerView(registration) : registration;

/** The registration with `registrationId`, 404 when it does not exist or belongs to another partner. */
export async function registrationOrNotFound(
  deps: Pick<DealRegistrationDeps, 'registrations'>,
  actor: Actor,
  registrationId: string,
): Promise<DealRegistration> {
  const registration = await deps.registrations.get(registrationId);
  if (registration === undefined) throw new NotFoundError(`Deal registration '${registrationId}' not found`);
  requireVisibleTo(actor, registration.partnerId, `Deal registration '${registrationId}'`);
  return registration;
}

function registrantOf(actor: Actor, partnerId: string | undefined): string {
  if (actor.role === 'partner') {
    if (partnerId !== undefined && partnerId !== actor.partnerId) {
      throw new ForbiddenError('A partner user registers deals for its own partner only');
    }
    return actor.partnerId;
  }
  if (partnerId === undefined) {
    throw new ValidationError('Name the partner the deal is for', [
      { path: 'partnerId', message: 'is required when a channel manager registers on a partner’s behalf' },
    ]);
  }
  return partnerId;
}

/** An amount in its currency's minor units, exactly: "125000" USD → "125000.00". */
const canonicalAmount = (value: DealRegistration['estimatedValue']) =>
  fromMinorUnits(toMinorUnits(value.amount, value.currency), value.currency);

/**
 * What makes two registrations by one partner the same submission: program, customer (normalized), products,
 * value, close date and description. Posting the same registration twice yields one.
 */
export function sameContentKey(
  partnerId: string,
  request: Pick<
    DealRegistration,
    'programId' | 'customer' | 'products' | 'estimatedValue' | 'closeDate' | 'description'
  >,
): string {
  return canonicalJson({
    partnerId,
    programId: request.programId,
    customer: matchKeyValues(customerMatchKeys(request.customer)),
    products: [...request.products].sort((a, b) => (a.sku < b.sku ? -1 : 1)),
    value: [canonicalAmount(request.estimatedValue), request.estimatedValue.currency],
    closeDate: request.closeDate,
    description: request.description,
  });
}

function checkCloseDate(closeDate: string, day: string) {
  if (closeDate < day || closeDate > addDays(day, 366 * maxCloseYearsAhead)) {
    throw new BusinessRuleError('The close date must lie between today and three years ahead', [
      { path: 'closeDate', message: `must be from ${day} to ${addDays(day, 366 * maxCloseYearsAhead)}` },
    ]);
  }
}

/**
 * A partner registers a deal (a channel manager may on its behalf); it is stored as a draft. Main course:
 * the close date is checked → a repeat (same Idempotency-Key, or the same content from the same partner)
 * answers the registration it repeats (`created` false) → the draft is stored with its customer index.
 */
export async function registerDeal(
  deps: DealRegistrationDeps,
  actor: Actor,
  input: { readonly request: DealRegistrationRequest; readonly idempotencyKey?: string | undefined },
): Promise<{ readonly registration: DealRegistration; readonly created: boolean }> {
  requireRole(actor, registrars);
  const { request } = input;
  const partnerId = registrantOf(actor, request.partnerId);
  const now = deps.clock().toISOString();
  checkCloseDate(request.closeDate, now.slice(0, 10));
  const contentKey = sameContentKey(partnerId, request);
  const registrationId = deps.registrationIdFor(partnerId, input.idempotencyKey);
  const { partnerId: _named, ...fields } = request;
  const registration: DealRegistration = {
    registrationId,
    partnerId,
    ...fields,
    estimatedValue: {
      amount: canonicalAmount(request.estimatedValue),
      currency: request.estimatedValue.currency,
    },
    status: 'draft',
    createdAt: now,
    createdBy: actorOf(actor),
    history: [{ at: now, by: actorOf(actor), from: null, to: 'draft' }],
    version: 1,
  };
  const creation = await deps.registrations.create(registration, contentKey);
  if (creation.kind === 'created') return { registration: visibleTo(actor, registration), created: true };
  const existing = await deps.registrations.get(creation.registrationId);
  if (existing === undefined) throw new StateConflictError('The registration is being stored; try again');
  if (sameContentKey(existing.partnerId, existing) !== contentKey) {
    throw new StateConflictError(
      `Deal registration '${existing.registrationId}' was made with this Idempotency-Key for a different deal`,
    );
  }
  return { registration: visibleTo(actor, existing), created: false };
}

/** Moves a registration on, conditional on its status and version: a lost race is 409. */
export async function moved(
  deps: Pick<DealRegistrationDeps, 'registrations' | 'clock'>,
  current: DealRegistration,
  next: Omit<DealRegistration, 'history' | 'version'>,
  by: Actor,
  note?: string,
): Promise<DealRegistration> {
  const at = deps.clock().toISOString();
  const stored: DealRegistration = {
    ...next,
    history: [
      ...current.history,
      { at, by: actorOf(by), from: current.status, to: next.status, ...(note === undefined ? {} : { note }) },
    ],
    version: current.version + 1,
  };
  if (!(await deps.registrations.replace(stored, current.status))) {
    throw new StateConflictError(
      `Deal registration '${current.registrationId}' was changed by someone else meanwhile; read it again`,
    );
  }
  return stored;
}

/** 409 unless the registration is in one of `allowed`. */
export function requireStatus(
  registration: DealRegistration,
  allowed: readonly DealRegistrationStatus[],
  action: string,
): void {
  if (!allowed.includes(registration.status)) {
    throw new StateConflictError(
      `Deal registration '${registration.registrationId}' is ${registration.status}: it cannot ${action}`,
    );
  }
}

/** The partner (or a channel manager) who may act on a registration as its registrant. */
export function requireRegistrant(actor: Actor) {
  requireRole(actor, registrars);
}

/** How long a submission waits for racing submissions' checks before treating them as holding. */
const raceWaits = [20, 40, 80, 160, 320, 640];

/**
 * The holders of the registration's customer once every racing submission it must wait for (another
 * partner's, submitted after it, whose check is still running) has finished its check. One that never
 * finishes (its process died) is then counted as holding, so this one yields rather than both keeping it.
 */
async function settledHolders(deps: DealRegistrationDeps, registration: DealRegistration) {
  const keys = matchKeyValues(customerMatchKeys(registration.customer));
  const candidate = {
    partnerId: registration.partnerId,
    skus: registration.products.map((product) => product.sku),
  };
  for (const wait of raceWaits) {
    const found = await deps.registrations.holdersOf(keys, candidate);
    const undecided = undecidedClashes(registration, found, today(deps));
    if (undecided.length === 0) return found;
    await deps.pause(wait);
  }
  const found = await deps.registrations.holdersOf(keys, candidate);
  const stuck = new Set(
    undecidedClashes(registration, found, today(deps)).map((each) => each.registrationId),
  );
  // Counted as holding: marked checked, the rules treat them like a submission that passed its check.
  const registrations = found.registrations.map((each) =>
    stuck.has(each.registrationId) ? { ...each, checkedAt: each.submittedAt ?? '' } : each,
  );
  return { ...found, registrations };
}

/**
 * Submits a draft: the automatic conflict check. Main course: the registration is stored `submitted` first,
 * so that a submission racing for the same customer sees it → the registrations and house accounts under
 * the customer's normalized keys are read (consistent index queries) → a house account is rejected;
 * another partner's hold with a product in common (protected, or pending and submitted first) is rejected
 * as a duplicate (first come, first served) or sent to a person at the reduced benefit (the program's
 * policy) → otherwise it waits for a reviewer as `submitted`. A repeat answers what the first decided, and
 * completes a check that a crash interrupted.
 */
export async function submitDealRegistration(
  deps: DealRegistrationDeps,
  actor: Actor,
  registrationId: string,
): Promise<DealRegistration> {
  requireRegistrant(actor);
  let current = await registrationOrNotFound(deps, actor, registrationId);
  if (current.status === 'draft') {
    checkCloseDate(current.closeDate, today(deps));
    current = await moved(
      deps,
      current,
      { ...current, status: 'submitted', submittedAt: deps.clock().toISOString() },
      actor,
    );
  }
  if (current.status !== 'submitted' || current.checkedAt !== undefined) return visibleTo(actor, current);
  const [holders, policy] = await Promise.all([
    settledHolders(deps, current),
    deps.policies.get(current.programId),
  ]);
  const conflict = findConflict(current, holders, today(deps));
  const outcome = conflictOutcome(conflict, policy ?? defaultDealPolicy);
  const checked = { ...current, checkedAt: deps.clock().toISOString() };
  if (outcome.status === 'submitted') {
    const next = { ...checked, benefit: outcome.benefit, version: current.version + 1 };
    if (!(await deps.registrations.replace(next, 'submitted'))) {
      throw new StateConflictError(
        `Deal registration '${registrationId}' was changed meanwhile; read it again`,
      );
    }
    return visibleTo(actor, next);
  }
  const system = { userId: 'system', role: 'admin' } as const;
  const next =
    outcome.status === 'rejected'
      ? { ...checked, status: outcome.status, rejection: outcome.rejection }
      : { ...checked, status: outcome.status, benefit: outcome.benefit };
  const decided = await moved(
    deps,
    current,
    { ...next, ...(conflict === undefined ? {} : { conflict }) },
    system,
    outcome.status === 'rejected' ? outcome.rejection.reason : 'conflict: a person decides',
  );
  return visibleTo(actor, decided);
}

/** A reviewer's decision on a submitted or in-review registration; a rejection needs a reason. */
export interface ReviewDecision {
  readonly decision: 'approve' | 'reject';
  readonly reason?: string | undefined;
}

export function reasonOf(decision: ReviewDecision): string | undefined {
  const reason = decision.reason?.trim();
  if (decision.decision === 'reject' && (reason === undefined || reason === '')) {
    throw new BusinessRuleError('A rejection needs a reason', [
      { path: 'reason', message: 'is required when rejecting' },
    ]);
  }
  return reason === '' ? undefined : reason;
}

/**
 * A channel manager or approver approves (protected from today for the program's protection days; a
 * registration still without a benefit gets the full one) or rejects with a reason. Once: a second decision is 409.
 */
export async function decideDealRegistration(
  deps: DealRegistrationDeps,
  actor: Actor,
  registrationId: string,
  decision: ReviewDecision,
): Promise<DealRegistration> {
  requireRole(actor, dealReviewers);
  const reason = reasonOf(decision);
  const registration = await registrationOrNotFound(deps, actor, registrationId);
  requireStatus(registration, ['submitted', 'inReview'], 'be decided');
  if (registration.checkedAt === undefined) {
    // Its submission died before the conflict check: nobody decides on an unchecked registration.
    throw new StateConflictError(
      `Deal registration '${registrationId}' has not been through its conflict check; submit it again first`,
    );
  }
  if (decision.decision === 'reject') {
    return moved(
      deps,
      registration,
      { ...registration, status: 'rejected', rejection: { code: 'decision', reason: reason ?? '' } },
      actor,
      reason,
    );
  }
  const policy = (await deps.policies.get(registration.programId)) ?? defaultDealPolicy;
  const day = today(deps);
  return moved(
    deps,
    registration,
    {
      ...registration,
      status: 'approved',
      approvedAt: deps.clock().toISOString(),
      // Protected through the last of `protectionDays` days, today being the first.
      protectedUntil: addDays(day, policy.protectionDays - 1),
      benefit: registration.benefit ?? { kind: 'full' },
    },
    actor,
    reason,
  );
}
