import type { LedgerPosting } from '../ledger/ledger-posting';
import type { PartnerPayment, PaymentBatchHeader } from './payment-batch';

type PaymentPosting = Extract<LedgerPosting, { readonly kind: 'payment' }>;

function postingsOf(
  batch: PaymentBatchHeader,
  payment: PartnerPayment,
  entry: { readonly postedOn: string; readonly idPrefix: string; readonly reversal: boolean },
): PaymentPosting[] {
  return payment.claims.map((claim) => ({
    kind: 'payment',
    postingId: `${entry.idPrefix}-${batch.batchId}-${claim.claimId}`,
    paymentId: payment.paymentId,
    programId: claim.programId,
    period: claim.period,
    fund: claim.fund,
    beneficiaryPartnerId: payment.partnerId,
    partnerId: payment.partnerId,
    endCustomerId: null,
    billTo: null,
    sku: null,
    uom: null,
    salesperson: null,
    currency: batch.currency,
    amount: entry.reversal ? `-${claim.amount}` : claim.amount,
    postedOn: entry.postedOn,
    settledAgainst: batch.method === 'creditMemo' ? 'receivable' : 'cash',
    reason: entry.reversal
      ? `Payment of claim ${claim.claimId} returned: ${payment.returned?.reason ?? 'returned by the bank'}`
      : `Claim ${claim.claimId} paid by ${batch.method} in batch ${batch.batchId}`,
  }));
}

/**
 * The ledger `payment` postings of a paid payment, one per claim (the ledger is kept per program period):
 * Dr accounts payable, Cr cash, or Cr the partner's receivable for a credit memo. Posting ids derive from the
 * batch and the claim, so a retried payment posts nothing twice.
 */
export function paymentPostings(
  batch: PaymentBatchHeader,
  payment: PartnerPayment,
  postedOn: string,
): PaymentPosting[] {
  return postingsOf(batch, payment, { postedOn, idPrefix: 'PAY', reversal: false });
}

/** Postings reversing a returned payment: the same amounts negated (claim amounts are positive), own ids. */
export function returnedPaymentPostings(
  batch: PaymentBatchHeader,
  payment: PartnerPayment,
  postedOn: string,
): PaymentPosting[] {
  return postingsOf(batch, payment, { postedOn, idPrefix: 'PAYRET', reversal: true });
}
