import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import type { Claim } from '../claims/claim';
import type { PartnerData } from '../partners/partner';
import { StateConflictError } from '../shared/errors';
import { buildPaymentBatch, withoutClaims } from './build-payment-batch';
import { claimMovedTo, payableStatuses } from './claim-payment-status';
import { auditActor, paymentRoles } from './payment-actor';
import type { PaymentBatch, PaymentBatchRequest } from './payment-batch';
import type { PaymentDeps } from './ports';
import { runLimited } from './run-limited';

/** Partner reads in flight at once. */
const partnerReadConcurrency = 16;

async function partnersOf(deps: PaymentDeps, claims: readonly Claim[]): Promise<Map<string, PartnerData>> {
  const ids = [...new Set(claims.map((claim) => claim.partnerId))];
  const found = await runLimited(ids, partnerReadConcurrency, (id) => deps.partners.get(id));
  return new Map(found.flatMap((partner) => (partner === undefined ? [] : [[partner.partnerId, partner]])));
}

/**
 * Finance builds a payment batch. Main course: read the payable claims (approved, partially approved) → build
 * the draft (one payment per partner, partners that cannot be paid listed with the reason) → move each claim
 * to `scheduled`, conditionally: that write is what keeps a claim out of two batches, and a claim someone
 * else moved meanwhile is left out → store the batch. If storing fails, the claims go back to payable.
 */
export async function createPaymentBatch(
  deps: PaymentDeps,
  actor: Actor,
  request: PaymentBatchRequest,
): Promise<PaymentBatch> {
  requireRole(actor, paymentRoles);
  const candidates = (
    await Promise.all(payableStatuses.map((status) => deps.claims.withStatus(status)))
  ).flat();
  const byId = new Map(candidates.map((claim) => [claim.claimId, claim]));
  const now = deps.clock().toISOString();
  const by = auditActor(actor);
  const draft = buildPaymentBatch({
    batchId: `PB-${deps.newId()}`,
    request,
    createdBy: by,
    createdAt: now,
    claims: candidates,
    partners: await partnersOf(deps, candidates),
  });
  const chosen = draft.payments.flatMap((payment) => payment.claims.map((claim) => claim.claimId));
  const moves = chosen.map((claimId) => {
    const claim = byId.get(claimId) as Claim;
    const change = { by, at: now, comment: `payment batch ${draft.batchId}` };
    return { next: claimMovedTo(claim, 'scheduled', change), expected: claim.status };
  });
  const written = await deps.claims.transitionAll(moves);
  const batch = withoutClaims(draft, new Set(chosen.filter((_, index) => !written[index])));
  const moved = moves.filter((_, index) => written[index]).map((move) => move.next);
  if (batch.payments.length === 0) {
    throw new StateConflictError('Every payable claim was scheduled by someone else meanwhile');
  }
  try {
    await deps.batches.create(batch);
  } catch (error) {
    const change = { by, at: now, comment: `batch ${batch.batchId} not stored` };
    await deps.claims.transitionAll(
      moved.map((claim) => ({
        next: claimMovedTo(claim, byId.get(claim.claimId)?.status ?? 'approved', change),
        expected: 'scheduled',
      })),
    );
    throw error;
  }
  return batch;
}
