import { detailType, paymentBatchPaidV1, source } from '../../events/payment-batch-paid.v1';
import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import type { ClaimStatus } from '../claims/claim';
import { postAllOnce } from '../ledger/post-once';
import { NotFoundError, StateConflictError } from '../shared/errors';
import { approvedBatch, exportedBatch, paidBatch, returnedPayment } from './batch-lifecycle';
import { claimMovedTo } from './claim-payment-status';
import { auditActor, paymentRoles } from './payment-actor';
import { headerOf, type PaidClaim, type PaymentBatch, type PaymentBatchHeader } from './payment-batch';
import { paymentPostings, returnedPaymentPostings } from './payment-postings';
import type { PaymentDeps } from './ports';
import { runLimited } from './run-limited';

const paymentWriteConcurrency = 16;

export async function batchOrNotFound(deps: PaymentDeps, batchId: string): Promise<PaymentBatch> {
  const batch = await deps.batches.get(batchId);
  if (batch === undefined) throw new NotFoundError(`Payment batch '${batchId}' not found`);
  return batch;
}

/** Writes the next header; someone who changed the batch first wins and this caller gets 409. */
async function replaceHeaderOrConflict(deps: PaymentDeps, next: PaymentBatchHeader): Promise<void> {
  if (!(await deps.batches.replaceHeader(next))) {
    throw new StateConflictError(`Payment batch '${next.batchId}' was changed by someone else meanwhile`);
  }
}

/** Moves the claims of a payment from `from` to `to`; a claim already there (a retry) is left alone. */
async function moveClaims(
  deps: PaymentDeps,
  claims: readonly PaidClaim[],
  move: {
    readonly from: ClaimStatus;
    readonly to: (claim: PaidClaim) => ClaimStatus;
    readonly change: Parameters<typeof claimMovedTo>[2];
  },
): Promise<void> {
  const current = await deps.claims.getAll(claims.map((paid) => paid.claimId));
  await deps.claims.transitionAll(
    claims.flatMap((paid) => {
      const claim = current.get(paid.claimId);
      if (claim?.status !== move.from) return [];
      return [{ next: claimMovedTo(claim, move.to(paid), move.change), expected: move.from }];
    }),
  );
}

/** Finance or an admin other than the batch's creator approves a draft batch; the loser of a race gets 409. */
export async function approvePaymentBatch(
  deps: PaymentDeps,
  actor: Actor,
  batchId: string,
): Promise<PaymentBatchHeader> {
  requireRole(actor, paymentRoles);
  const batch = await batchOrNotFound(deps, batchId);
  const next = approvedBatch(headerOf(batch), auditActor(actor), deps.clock().toISOString());
  await replaceHeaderOrConflict(deps, next);
  return next;
}

/** Records that the bank file of an approved batch was taken (the first download); returns the batch as it is. */
export async function exportPaymentBatch(
  deps: PaymentDeps,
  actor: Actor,
  batchId: string,
): Promise<PaymentBatch> {
  requireRole(actor, paymentRoles);
  const batch = await batchOrNotFound(deps, batchId);
  const next = exportedBatch(headerOf(batch), deps.clock().toISOString());
  if (next.version === batch.version) return batch;
  if (await deps.batches.replaceHeader(next)) return { ...batch, ...next };
  // Someone else exported it at the same moment: theirs is the file's creation time.
  return batchOrNotFound(deps, batchId);
}

/**
 * Marks a batch paid. Main course: the header moves to `paid` conditionally (of two racing callers one
 * wins, the other gets 409) → each payment marked paid → its claims `scheduled` → `paid` → ledger `payment`
 * postings (AP → cash, or → receivable for credit memos), idempotent by posting id → PaymentBatchPaid.v1.
 */
export async function markPaymentBatchPaid(
  deps: PaymentDeps,
  actor: Actor,
  batchId: string,
): Promise<PaymentBatchHeader> {
  requireRole(actor, paymentRoles);
  const now = deps.clock().toISOString();
  const by = auditActor(actor);
  const paid = paidBatch(await batchOrNotFound(deps, batchId), by, now);
  const header = headerOf(paid);
  await replaceHeaderOrConflict(deps, header);
  const change = { by, at: now, comment: `paid in batch ${batchId}` };
  await runLimited(paid.payments, paymentWriteConcurrency, (payment) => deps.batches.replacePayment(payment));
  await moveClaims(
    deps,
    paid.payments.flatMap((payment) => payment.claims),
    {
      from: 'scheduled',
      to: () => 'paid',
      change,
    },
  );
  const postedOn = now.slice(0, 10);
  await postAllOnce(
    deps.ledger,
    paid.payments.flatMap((payment) => paymentPostings(header, payment, postedOn)),
  );
  const detail = paymentBatchPaidV1.parse({
    version: 1,
    batchId,
    currency: header.currency,
    method: header.method,
    total: header.total,
    paymentCount: header.paymentCount,
    claimCount: header.claimCount,
    paidBy: by,
    occurredAt: now,
  });
  await deps.events.publish({ source, detailType, detail });
  return header;
}

/**
 * The bank sent one partner's payment back. Main course: the payment becomes `returned` conditionally (once)
 * → its ledger postings are reversed → its claims go back to payable (approved or partially approved, as
 * they were), ready for the next batch.
 */
export async function returnPayment(
  deps: PaymentDeps,
  actor: Actor,
  input: { readonly batchId: string; readonly partnerId: string; readonly reason: string },
) {
  requireRole(actor, paymentRoles);
  const now = deps.clock().toISOString();
  const by = auditActor(actor);
  const batch = await batchOrNotFound(deps, input.batchId);
  const returned = returnedPayment(batch, input.partnerId, { by, at: now, reason: input.reason });
  if (!(await deps.batches.replacePayment(returned))) {
    throw new StateConflictError(`The payment to '${input.partnerId}' was changed by someone else meanwhile`);
  }
  await postAllOnce(deps.ledger, returnedPaymentPostings(headerOf(batch), returned, now.slice(0, 10)));
  await moveClaims(deps, returned.claims, {
    from: 'paid',
    to: (claim) => claim.payableStatus,
    change: { by, at: now, comment: `payment returned (batch ${input.batchId}): ${input.reason}` },
  });
  return returned;
}
