import type { Actor, Role } from '../access/actor';
import { requireRole } from '../access/policies';
import type { ProgramRecord } from '../programs/program-record';
import { ForbiddenError, StateConflictError, ValidationError } from '../shared/errors';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { Clock, EventPublisher, RecordStore } from '../shared/ports';
import type { Claim, ClaimActor, ClaimStatus, ClaimValidationFailure } from './claim';
import { availableToClaim, reservationLimit } from './claim-fund';
import { claimReasonCodes } from './claim-reasons';
import type { ClaimRequest } from './claim-request';
import { claimValidationFailures } from './claim-validation';
import type { ClaimFunds, ClaimStore } from './ports';
import { publishClaimSubmitted } from './publish-claim-submitted';

export interface ClaimDeps {
  readonly claims: ClaimStore;
  readonly claimFunds: ClaimFunds;
  readonly programs: RecordStore<ProgramRecord>;
  readonly events: EventPublisher;
  readonly clock: Clock;
  /** A new claim id; for an idempotency key, always the same id for the same partner and key. */
  readonly claimIdFor: (partnerId: string, idempotencyKey?: string) => string;
}

/** The claim a submission stored, or the one it repeats (`created` false). */
export interface SubmittedClaim {
  readonly claim: Claim;
  readonly created: boolean;
}

const submitters: readonly Role[] = ['partner', 'channel_manager'];

/** The partner a claim is for: a partner user's own; the one a channel manager names. */
function claimantOf(actor: Actor, partnerId: string | undefined): string {
  if (actor.role === 'partner') {
    if (partnerId !== undefined && partnerId !== actor.partnerId) {
      throw new ForbiddenError('A partner user submits claims for its own partner only');
    }
    return actor.partnerId;
  }
  if (partnerId === undefined) {
    throw new ValidationError('Name the partner the claim is for', [
      { path: 'partnerId', message: 'is required when a channel manager submits on a partner’s behalf' },
    ]);
  }
  return partnerId;
}

/** Whether a stored claim is what `request` asks for: a repeat of it, not a different claim. */
function isRepeatOf(claim: Claim, partnerId: string, request: ClaimRequest): boolean {
  return (
    claim.partnerId === partnerId &&
    claim.programId === request.programId &&
    claim.period === request.period &&
    claim.fund === request.fund &&
    claim.currency === request.currency &&
    claim.lines.length === request.lines.length &&
    claim.lines.every((line, index) => {
      const asked = request.lines[index];
      return (
        asked !== undefined &&
        line.reference === asked.reference &&
        toMinorUnits(line.amount, claim.currency) === toMinorUnits(asked.amount, claim.currency)
      );
    })
  );
}

/**
 * Answers a repeated submit with the claim it repeats. A validated claim's event is published again: the
 * first attempt may have died before publishing, and the approval workflow starts once per claim anyway.
 */
async function repeated(deps: ClaimDeps, existing: Claim, partnerId: string, request: ClaimRequest) {
  if (!isRepeatOf(existing, partnerId, request)) {
    throw new StateConflictError(
      `claim ${existing.claimId} was submitted with this Idempotency-Key for a different claim`,
    );
  }
  if (existing.status === 'validated') await publishClaimSubmitted(deps, existing);
  return { claim: existing, created: false };
}

/** The claim a request describes, before validation decides its status. */
function draftOf(
  claimId: string,
  partnerId: string,
  request: ClaimRequest,
  by: ClaimActor,
  at: string,
): Claim {
  const lines = request.lines.map((line, index) => ({
    lineNumber: index + 1,
    amount: fromMinorUnits(toMinorUnits(line.amount, request.currency), request.currency),
    reference: line.reference,
    evidence: line.evidence,
  }));
  const total = lines.reduce((sum, line) => sum + toMinorUnits(line.amount, request.currency), 0n);
  return {
    claimId,
    type: request.type,
    partnerId,
    programId: request.programId,
    period: request.period,
    fund: request.fund,
    currency: request.currency,
    lines,
    amountClaimed: fromMinorUnits(total, request.currency),
    status: 'submitted',
    submittedBy: by,
    submittedAt: at,
    validationFailures: [],
    history: [{ at, by, from: null, to: 'submitted' }],
    version: 1,
  };
}

function decided(draft: Claim, status: ClaimStatus, failures: readonly ClaimValidationFailure[]): Claim {
  const first = failures[0];
  return {
    ...draft,
    status,
    validationFailures: failures,
    history: [
      ...draft.history,
      {
        at: draft.submittedAt,
        by: draft.submittedBy,
        from: 'submitted',
        to: status,
        ...(first === undefined ? {} : { reasonCode: first.code }),
      },
    ],
  };
}

/** How a submission on a partner's behalf is made; bulk claims do not keep the ones that fail. */
export interface SubmissionOptions {
  readonly idempotencyKey?: string | undefined;
  /** Store a claim that fails validation as `validationFailed` (true for people; bulk claims skip it). */
  readonly keepFailed: boolean;
}

/**
 * Submits a claim for `partnerId`. Main course: a repeat (same Idempotency-Key, or every line's reference
 * held by an identical claim) answers the claim it repeats → automatic validation against the program, the
 * fund's available balance and the references held → a claim passing it is stored `validated` together
 * with its reservation in one atomic write (refused when concurrent claims took the balance meanwhile) and
 * `ClaimSubmitted` is published; one failing is stored `validationFailed` with its reasons, nothing reserved.
 */
export async function submitFor(
  deps: ClaimDeps,
  actor: Actor,
  partnerId: string,
  request: ClaimRequest,
  options: SubmissionOptions,
): Promise<SubmittedClaim> {
  // No read of the id first: a repeat is found by the references its lines hold, or by the id when the
  // claim is written (the reservation's or the failed claim's conditional put), so a new claim costs no
  // extra call; a repeat (rare) pays for validation's reads.
  const claimId = deps.claimIdFor(partnerId, options.idempotencyKey);
  const now = deps.clock();
  const draft = draftOf(
    claimId,
    partnerId,
    request,
    { userId: actor.userId, role: actor.role },
    now.toISOString(),
  );
  // One round trip for everything validation reads; the fund's credit and draws are one item, so a claim
  // costs the same on a fund with a long history of settled claims as on a new one.
  const [{ credited, draws, referenceHolders: holders }, program] = await Promise.all([
    deps.claimFunds.fundAndReferences(draft),
    deps.programs.get(request.programId),
  ]);
  const [holder, ...others] = new Set(holders.values());
  if (holder !== undefined && others.length === 0 && holders.size === draft.lines.length) {
    const held = await deps.claims.get(holder);
    if (held !== undefined && isRepeatOf(held, partnerId, request))
      return repeated(deps, held, partnerId, request);
  }
  // Settled draws are what the ledger's claim postings hold: each settlement moves both in one transaction
  // (an accrual fund's co-op claim moves the draws first), so the fund never counts less than was claimed.
  const credit = { credited, claimed: draws.settled };
  const amount = toMinorUnits(draft.amountClaimed, draft.currency);
  let failures = claimValidationFailures(request, amount, {
    partnerId,
    program,
    today: now.toISOString().slice(0, 10),
    available: availableToClaim(credit, draws),
    referenceHolders: holders,
  });
  if (failures.length === 0) {
    const validated = decided(draft, 'validated', []);
    const outcome = await deps.claimFunds.reserve(validated, reservationLimit(credited, amount));
    if (outcome.kind === 'reserved') {
      await publishClaimSubmitted(deps, validated);
      return { claim: validated, created: true };
    }
    if (outcome.kind === 'claimExists') {
      const existing = await deps.claims.get(claimId);
      if (existing !== undefined) return repeated(deps, existing, partnerId, request);
    }
    failures =
      outcome.kind === 'duplicateReferences'
        ? draft.lines
            .filter((line) => outcome.references.includes(line.reference))
            .map((line) => ({
              code: claimReasonCodes.duplicateReference,
              message: `reference '${line.reference}' was claimed by another claim a moment ago`,
              lineNumber: line.lineNumber,
            }))
        : [
            {
              code: claimReasonCodes.exceedsAvailable,
              message: `claimed ${draft.amountClaimed} ${draft.currency}; claims submitted at the same moment took the balance`,
            },
          ];
  }
  const failed = decided(draft, 'validationFailed', failures);
  if (!options.keepFailed) return { claim: failed, created: false };
  if (!(await deps.claims.create(failed))) {
    const existing = await deps.claims.get(claimId);
    if (existing !== undefined) return repeated(deps, existing, partnerId, request);
  }
  return { claim: failed, created: true };
}

/** A partner submits its own claim, or a channel manager one on a partner's behalf (see `submitFor`). */
export async function submitClaim(
  deps: ClaimDeps,
  actor: Actor,
  input: { readonly request: ClaimRequest; readonly idempotencyKey?: string | undefined },
): Promise<SubmittedClaim> {
  requireRole(actor, submitters);
  const partnerId = claimantOf(actor, input.request.partnerId);
  return submitFor(deps, actor, partnerId, input.request, {
    idempotencyKey: input.idempotencyKey,
    keepFailed: true,
  });
}
