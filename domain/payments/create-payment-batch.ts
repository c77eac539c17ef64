import { detailType, paymentBatchRequestedV1, source } from '../../events/payment-batch-requested.v1';
import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import type { Claim, ClaimActor } from '../claims/claim';
import type { PartnerData } from '../partners/partner';
import { StateConflictError } from '../shared/errors';
import { buildPaymentBatch, withoutClaims } from './build-payment-batch';
import { claimMovedTo, payableStatuses, scheduledIn } from './claim-payment-status';
import { auditActor, paymentRoles } from './payment-actor';
import { headerOf, type PaymentBatch, type PaymentBatchRequest } from './payment-batch';
import type { PaymentDeps } from './ports';
import { runLimited } from './run-limited';

/**
 * Batches of up to this many claims are built within the request (201, `draft`); larger ones are stored as
 * `building` and built in the background (202): scheduling ten thousand claims outlasts an API request.
 */
export const inlineBuildLimit = 500;

/** Partner reads in flight at once. */
const partnerReadConcurrency = 16;

async function partnersOf(deps: PaymentDeps, claims: readonly Claim[]): Promise<Map<string, PartnerData>> {
  const ids = [...new Set(claims.map((claim) => claim.partnerId))];
  const found = await runLimited(ids, partnerReadConcurrency, (id) => deps.partners.get(id));
  return new Map(found.flatMap((partner) => (partner === undefined ? [] : [[partner.partnerId, partner]])));
}

/** Every claim payable now (approved, partially approved). */
export async function payableClaims(deps: PaymentDeps): Promise<Claim[]> {
  return (await Promise.all(payableStatuses.map((status) => deps.claims.withStatus(status)))).flat();
}

/** The batch of `claims` that `request` asks for, with the partners it pays (see buildPaymentBatch). */
export async function planBatch(
  deps: PaymentDeps,
  plan: {
    readonly batchId: string;
    readonly request: PaymentBatchRequest;
    readonly createdBy: ClaimActor;
    readonly createdAt: string;
    readonly claims: readonly Claim[];
  },
): Promise<PaymentBatch> {
  return buildPaymentBatch({ ...plan, partners: await partnersOf(deps, plan.claims) });
}

/**
 * Moves the planned batch's claims to `scheduled` (a hundred to a write), each on its condition: that write
 * is what keeps a claim out of two batches, and a claim someone else moved meanwhile is left out (listed as
 * `scheduledElsewhere`). Claims in `alreadyScheduled` were moved by an earlier attempt of this build.
 * Returns the batch as it stands, and the claims this call moved.
 */
export async function scheduleClaims(
  deps: PaymentDeps,
  planned: PaymentBatch,
  claims: ReadonlyMap<string, Claim>,
  alreadyScheduled: ReadonlySet<string> = new Set(),
): Promise<{ readonly batch: PaymentBatch; readonly moved: readonly Claim[] }> {
  const change = { by: planned.createdBy, at: deps.clock().toISOString() };
  const moves = planned.payments
    .flatMap((payment) => payment.claims.map((paid) => paid.claimId))
    .filter((claimId) => !alreadyScheduled.has(claimId))
    .map((claimId) => {
      const claim = claims.get(claimId) as Claim;
      return { next: scheduledIn(claim, planned.batchId, change), expected: claim.status };
    });
  const written = await deps.claims.transitionAll(moves);
  const lost = new Set(moves.filter((_, index) => !written[index]).map((move) => move.next.claimId));
  const moved = moves.filter((_, index) => written[index]).map((move) => move.next);
  return { batch: withoutClaims(planned, lost), moved };
}

/** Puts claims a build moved back to what they were payable as (its batch was not stored, or no longer pays them). */
export async function unschedule(
  deps: PaymentDeps,
  batch: PaymentBatch,
  moved: readonly Claim[],
  claims: ReadonlyMap<string, Claim>,
): Promise<void> {
  const change = {
    by: batch.createdBy,
    at: deps.clock().toISOString(),
    comment: `batch ${batch.batchId} not stored`,
  };
  await deps.claims.transitionAll(
    moved.map((claim) => ({
      next: claimMovedTo(claim, claims.get(claim.claimId)?.status ?? 'approved', change),
      expected: 'scheduled',
    })),
  );
}

/**
 * Finance builds a payment batch. Main course: read the payable claims → plan the batch (one payment per
 * partner, partners that cannot be paid listed with the reason) → small: schedule its claims and store it
 * (`draft`); large: store it as `building` and ask for the background build (PaymentBatchRequested.v1),
 * which schedules and stores the same way (buildRequestedBatch). If storing fails, the claims go back to
 * payable.
 */
export async function createPaymentBatch(
  deps: PaymentDeps,
  actor: Actor,
  request: PaymentBatchRequest,
): Promise<PaymentBatch> {
  requireRole(actor, paymentRoles);
  const candidates = await payableClaims(deps);
  const createdBy = auditActor(actor);
  const planned = await planBatch(deps, {
    batchId: `PB-${deps.newId()}`,
    request,
    createdBy,
    createdAt: deps.clock().toISOString(),
    claims: candidates,
  });
  if (planned.claimCount > inlineBuildLimit) return requestBackgroundBuild(deps, planned);
  const byId = new Map(candidates.map((claim) => [claim.claimId, claim]));
  const { batch, moved } = await scheduleClaims(deps, planned, byId);
  if (batch.payments.length === 0) {
    throw new StateConflictError('Every payable claim was scheduled by someone else meanwhile');
  }
  try {
    await deps.batches.create(batch);
  } catch (error) {
    await unschedule(deps, batch, moved, byId);
    throw error;
  }
  return batch;
}

/** Stores the plan's header as `building` (no payments yet) and asks for the background build. */
async function requestBackgroundBuild(deps: PaymentDeps, planned: PaymentBatch): Promise<PaymentBatch> {
  const building: PaymentBatch = { ...headerOf(planned), status: 'building', payments: [] };
  await deps.batches.create(building);
  const detail = paymentBatchRequestedV1.parse({
    version: 1,
    batchId: building.batchId,
    currency: building.currency,
    plannedClaimCount: building.claimCount,
    requestedBy: building.createdBy,
    occurredAt: building.createdAt,
  });
  try {
    await deps.events.publish({ source, detailType, detail });
  } catch (error) {
    // No build will come: the batch is cancelled (no claim was moved yet) rather than left building.
    await deps.batches.replaceHeader({
      ...headerOf(building),
      status: 'cancelled',
      version: building.version + 1,
    });
    throw error;
  }
  return building;
}
