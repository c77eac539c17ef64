import type { ClaimActor } from '../claims/claim';
import { ForbiddenError, NotFoundError, StateConflictError } from '../shared/errors';
import type { BatchStatus, PartnerPayment, PaymentBatch, PaymentBatchHeader } from './payment-batch';

function requireStatus(batch: PaymentBatchHeader, allowed: readonly BatchStatus[], action: string): void {
  if (!allowed.includes(batch.status)) {
    throw new StateConflictError(
      `Payment batch '${batch.batchId}' is ${batch.status}: it cannot be ${action}`,
    );
  }
}

/**
 * A draft batch approved. Segregation of duties: whoever created the batch never approves it, so moving
 * money always takes two people.
 */
export function approvedBatch(batch: PaymentBatchHeader, by: ClaimActor, at: string): PaymentBatchHeader {
  requireStatus(batch, ['draft'], 'approved');
  if (by.userId === batch.createdBy.userId) {
    throw new ForbiddenError('Segregation of duties: the creator of a payment batch may not approve it');
  }
  return { ...batch, status: 'approved', approvedBy: by, approvedAt: at, version: batch.version + 1 };
}

/**
 * The batch once its bank file was taken: an approved bank-transfer batch becomes exported (recording when,
 * which is the file's creation time, so a second download is the same file); later states stay as they are.
 */
export function exportedBatch(batch: PaymentBatchHeader, at: string): PaymentBatchHeader {
  if (batch.method !== 'bankTransfer') {
    throw new StateConflictError(
      `Payment batch '${batch.batchId}' pays by ${batch.method}: it has no bank file`,
    );
  }
  requireStatus(batch, ['approved', 'exported', 'paid'], 'exported');
  if (batch.status !== 'approved') return batch;
  return { ...batch, status: 'exported', exportedAt: at, version: batch.version + 1 };
}

/**
 * The batch paid: a bank transfer once its file went to the bank (exported), a check or credit memo once
 * approved. Every payment still scheduled becomes paid.
 */
export function paidBatch(batch: PaymentBatch, by: ClaimActor, at: string): PaymentBatch {
  requireStatus(
    batch,
    batch.method === 'bankTransfer' ? ['exported'] : ['approved', 'exported'],
    'marked paid',
  );
  return {
    ...batch,
    status: 'paid',
    paidBy: by,
    paidAt: at,
    version: batch.version + 1,
    payments: batch.payments.map((payment) =>
      payment.status === 'scheduled' ? { ...payment, status: 'paid', version: payment.version + 1 } : payment,
    ),
  };
}

/** The payment of `partnerId` in a paid batch; NotFoundError when the batch pays that partner nothing. */
export function paymentOf(batch: PaymentBatch, partnerId: string): PartnerPayment {
  const payment = batch.payments.find((candidate) => candidate.partnerId === partnerId);
  if (payment === undefined) {
    throw new NotFoundError(`Payment batch '${batch.batchId}' has no payment to partner '${partnerId}'`);
  }
  return payment;
}

/** A paid payment the bank sent back (closed account, wrong details): it is returned, once. */
export function returnedPayment(
  batch: PaymentBatch,
  partnerId: string,
  change: { readonly by: ClaimActor; readonly at: string; readonly reason: string },
): PartnerPayment {
  requireStatus(batch, ['paid'], 'returned');
  const payment = paymentOf(batch, partnerId);
  if (payment.status !== 'paid') {
    throw new StateConflictError(`The payment to '${partnerId}' is ${payment.status}: it cannot be returned`);
  }
  return { ...payment, status: 'returned', returned: change, version: payment.version + 1 };
}
