import { z } from 'zod';

/**
 * Published once when finance marks a payment batch paid: ERP and partner notifications listen. It carries
 * the batch's summary, not its payments (a batch of ten thousand would exceed the bus's 256 KB entry limit);
 * `GET /payment-batches/{batchId}` has them.
 */
export const source = 'chrm.payments';
export const detailType = 'PaymentBatchPaid';
export const version = 1;

export const paymentBatchPaidV1 = z.object({
  version: z.literal(version),
  batchId: z.string(),
  currency: z.string(),
  method: z.enum(['bankTransfer', 'check', 'creditMemo']),
  /** Σ payments, a decimal string with the currency's minor units. */
  total: z.string(),
  paymentCount: z.number().int().positive(),
  claimCount: z.number().int().positive(),
  paidBy: z.object({ userId: z.string(), role: z.string() }),
  occurredAt: z.iso.datetime(),
});
export type PaymentBatchPaidV1 = z.infer<typeof paymentBatchPaidV1>;
