import { csvDocument } from '../shared/csv-export';
import { paymentOf } from './batch-lifecycle';
import type { PaymentBatch } from './payment-batch';

const header = [
  'batchId',
  'paymentId',
  'partnerId',
  'payee',
  'method',
  'expectedPaymentDate',
  'paymentStatus',
  'claimId',
  'programId',
  'period',
  'references',
  'claimAmount',
  'paymentAmount',
  'currency',
] as const;

/**
 * The remittance advice of one partner's payment, one row per claim paid: what the partner needs to
 * reconcile the money received against its claims (ids, programs, periods, its own references, amounts).
 * Cells go through the CSV export helper, so a reference like "=1+1" cannot run as a formula.
 */
export function remittanceAdviceCsv(batch: PaymentBatch, partnerId: string): string {
  const payment = paymentOf(batch, partnerId);
  return csvDocument(
    header,
    payment.claims.map((claim) => [
      batch.batchId,
      payment.paymentId,
      payment.partnerId,
      payment.payeeName,
      batch.method,
      batch.requestedExecutionDate,
      payment.status,
      claim.claimId,
      claim.programId,
      claim.period,
      claim.references.join(' '),
      claim.amount,
      payment.amount,
      batch.currency,
    ]),
  );
}
