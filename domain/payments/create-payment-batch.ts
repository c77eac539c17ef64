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

/** Conditional claim writes in flight at once. */
const claimWriteConcurrency = 16;

async function partnersOf(deps: PaymentDeps, claims: readonly Claim[]): Promise<Map<string, PartnerData>> {
  const ids = [...new Set(claims.map((claim) => claim.partnerId))];
  const found = await runLimited(ids, claimWriteConcurrency, (id) => deps.partners.get(id));
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
  const scheduled = await runLimited(chosen, claimWriteConcurrency, async (claimId) => {
    const claim = byId.get(claimId) as Claim;
    const next = claimMovedTo(claim, 'scheduled', { by, at: now, comment: `payment batch ${draft.batchId}` });
    return (await deps.claims.transition(next, claim.status)) ? next : undefined;
  });
  const lost = new Set(chosen.filter((_, index) => scheduled[index] === undefined));
  const batch = withoutClaims(draft, lost);
  const moved = scheduled.filter((claim) => claim !== undefined);
  if (batch.payments.length === 0) {
    throw new StateConflictError('Every payable claim was scheduled by someone else meanwhile');
  }
  try {
    await deps.batches.create(batch);
  } catch (error) {
    await runLimited(moved, claimWriteConcurrency, (claim) => {
      const payable = byId.get(claim.claimId)?.status ?? 'approved';
      const back = claimMovedTo(claim, payable, {
        by,
        at: now,
        comment: `batch ${batch.batchId} not stored`,
      });
      return deps.claims.transition(back, 'scheduled');
    });
    throw error;
  }
  return batch;
}
