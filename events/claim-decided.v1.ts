import { z } from 'zod';

/** Published when a claim's approval ends: approved in full or in part, or rejected. Payments listen. */
export const source = 'chrm.claims';
export const detailType = 'ClaimDecided';
export const version = 1;

export const claimDecidedV1 = z.object({
  version: z.literal(version),
  claimId: z.string(),
  partnerId: z.string(),
  outcome: z.enum(['approved', 'partiallyApproved', 'rejected']),
  currency: z.string(),
  /** Decimal strings in `currency`; approved is "0.00" (in the currency's minor units) when rejected. */
  amountClaimed: z.string(),
  amountApproved: z.string(),
  /** Who took the last decision; `system` for an automatic approval below the policy's threshold. */
  decidedBy: z.object({ userId: z.string(), role: z.string() }),
  reasonCode: z.string().optional(),
  occurredAt: z.iso.datetime(),
});
export type ClaimDecidedV1 = z.infer<typeof claimDecidedV1>;
