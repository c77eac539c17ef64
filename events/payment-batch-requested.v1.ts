import { z } from 'zod';

/**
 * Published when finance asks for a payment batch too large to build within the request (see
 * `inlineBuildLimit`): the batch is stored as `building` and the builder function, which this event starts,
 * schedules its claims and stores its payments. Delivered at least once: the build is idempotent.
 */
export const source = 'chrm.payments';
export const detailType = 'PaymentBatchRequested';
export const version = 1;

export const paymentBatchRequestedV1 = z.object({
  version: z.literal(version),
  batchId: z.string().min(1),
  currency: z.string(),
  /** How many claims the plan holds (the built batch may hold fewer: some may be scheduled elsewhere). */
  plannedClaimCount: z.number().int().positive(),
  requestedBy: z.object({ userId: z.string(), role: z.string() }),
  occurredAt: z.iso.datetime(),
});
export type PaymentBatchRequestedV1 = z.infer<typeof paymentBatchRequestedV1>;
