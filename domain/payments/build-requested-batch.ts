import type { Claim } from '../claims/claim';
import { BusinessRuleError, NotFoundError, StateConflictError } from '../shared/errors';
import { beforeScheduling } from './claim-payment-status';
import { payableClaims, planBatch, scheduleClaims, unschedule } from './create-payment-batch';
import { headerOf, type PaymentBatch, type PaymentBatchHeader } from './payment-batch';
import type { PaymentDeps } from './ports';

/**
 * Builds a batch stored as `building` (PaymentBatchRequested.v1), in the background. Main course: read the
 * payable claims and those an earlier attempt of this build scheduled already (they name the batch) → plan
 * the batch again from both, with the request, creator and id it was stored with → schedule the rest of its
 * claims → store the payments and move the header to `draft` (`cancelled` when nothing was left to pay).
 * At-least-once delivery is safe: a built batch is left alone, and an attempt that stopped half-way is
 * completed by the next, every claim scheduled once.
 */
export async function buildRequestedBatch(deps: PaymentDeps, batchId: string): Promise<PaymentBatchHeader> {
  const stored = await deps.batches.get(batchId);
  if (stored === undefined) throw new NotFoundError(`Payment batch '${batchId}' not found`);
  if (stored.status !== 'building') return headerOf(stored);
  const ours = (await deps.claims.withStatus('scheduled')).filter(
    (claim) => claim.paymentBatchId === batchId,
  );
  const candidates = [...(await payableClaims(deps)), ...ours.map(beforeScheduling)];
  const byId = new Map(candidates.map((claim) => [claim.claimId, claim]));
  const planned = await planOrNothing(deps, stored, candidates);
  // Claims an earlier attempt scheduled that the plan no longer pays (their partner was put on hold since).
  const inPlan = new Set(planned?.payments.flatMap((payment) => payment.claims.map((paid) => paid.claimId)));
  await unschedule(
    deps,
    stored,
    ours.filter((claim) => !inPlan.has(claim.claimId)),
    byId,
  );
  const next = { version: stored.version + 1 };
  const built: PaymentBatch =
    planned === undefined
      ? { ...stored, status: 'cancelled', ...next }
      : await scheduledBatch(deps, planned, byId, new Set(ours.map((claim) => claim.claimId)), next);
  if (!(await deps.batches.complete(built))) {
    throw new StateConflictError(`Payment batch '${batchId}' was changed while it was being built`);
  }
  return headerOf(built);
}

/** The batch planned again, or undefined when it would pay nothing. */
async function planOrNothing(
  deps: PaymentDeps,
  stored: PaymentBatch,
  claims: readonly Claim[],
): Promise<PaymentBatch | undefined> {
  try {
    return await planBatch(deps, {
      batchId: stored.batchId,
      request: stored,
      createdBy: stored.createdBy,
      createdAt: stored.createdAt,
      claims,
    });
  } catch (error) {
    if (error instanceof BusinessRuleError) return undefined;
    throw error;
  }
}

async function scheduledBatch(
  deps: PaymentDeps,
  planned: PaymentBatch,
  claims: ReadonlyMap<string, Claim>,
  alreadyScheduled: ReadonlySet<string>,
  next: { readonly version: number },
): Promise<PaymentBatch> {
  const { batch } = await scheduleClaims(deps, planned, claims, alreadyScheduled);
  return { ...batch, status: batch.payments.length === 0 ? 'cancelled' : 'draft', ...next };
}
