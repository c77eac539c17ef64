import type { LedgerPosting } from '../ledger/ledger-posting';
import type { Deduction } from './deduction';

type PaymentPosting = Extract<LedgerPosting, { readonly kind: 'payment' }>;

/**
 * The ledger postings of a matched deduction, one per claim it settled: a `payment` set against the
 * partner's receivable (Dr accounts payable, Cr accounts receivable), like a credit memo, since the partner
 * paid itself by keeping that much of our invoice. Posting ids derive from the deduction and the claim, so a
 * retried settlement posts nothing twice.
 */
export function deductionPostings(deduction: Deduction, postedOn: string): PaymentPosting[] {
  return (deduction.matches ?? []).map((match) => ({
    kind: 'payment',
    postingId: `DED-${deduction.deductionId}-${match.claimId}`,
    paymentId: deduction.deductionId,
    programId: match.programId,
    period: match.period,
    fund: match.fund,
    beneficiaryPartnerId: deduction.partnerId,
    partnerId: deduction.partnerId,
    endCustomerId: null,
    billTo: null,
    sku: null,
    uom: null,
    salesperson: null,
    currency: deduction.currency,
    amount: match.amount,
    postedOn,
    settledAgainst: 'receivable',
    reason: `Claim ${match.claimId} settled by deduction ${deduction.deductionId} on invoice ${deduction.invoice}`,
  }));
}
