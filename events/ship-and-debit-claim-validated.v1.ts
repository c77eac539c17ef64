import { z } from 'zod';

/**
 * Published when a ship & debit claim (an 844 transaction set or a CSV claim) has been validated line by line.
 * A summary, not the lines: they stay with the claim; the 849 response is ready to download when this is out.
 */
export const source = 'chrm.ship-and-debit';
export const detailType = 'ShipAndDebitClaimValidated';
export const version = 1;

const count = z.number().int().nonnegative();
const amount = z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal string');

export const shipAndDebitClaimValidatedV1 = z.object({
  version: z.literal(version),
  claimId: z.string().min(1),
  /** The partner's debit memo number (844 BAA05, or the CSV claim's number). */
  claimNumber: z.string(),
  partnerId: z.string().min(1),
  channel: z.enum(['x12-844', 'csv']),
  authorizationNumbers: z.array(z.string()),
  currency: z.string().length(3),
  counts: z.object({
    lines: count,
    approved: count,
    partiallyApproved: count,
    rejected: count,
  }),
  /** Decimal strings in `currency`, in its minor units. */
  amountClaimed: amount,
  amountApproved: amount,
  /** X12 901 reject reason code → number of lines cut or rejected for it (e.g. { "04": 1, "28": 1 }). */
  reasonCodes: z.record(z.string().regex(/^[0-9A-Z]{2}$/), count),
  occurredAt: z.iso.datetime(),
});
export type ShipAndDebitClaimValidatedV1 = z.infer<typeof shipAndDebitClaimValidatedV1>;
