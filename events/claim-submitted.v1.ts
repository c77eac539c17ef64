import { z } from 'zod';

/**
 * Published when a claim passed automatic validation and its amount is reserved against the fund. The
 * approval workflow starts from it (one execution per claim, named after it); integrations may listen.
 */
export const source = 'chrm.claims';
export const detailType = 'ClaimSubmitted';
export const version = 1;

export const claimSubmittedV1 = z.object({
  version: z.literal(version),
  claimId: z.string(),
  type: z.string(),
  partnerId: z.string(),
  programId: z.string(),
  period: z.string(),
  fund: z.string(),
  currency: z.string(),
  /** Decimal string in `currency`. */
  amountClaimed: z.string(),
  submittedBy: z.object({ userId: z.string(), role: z.string() }),
  occurredAt: z.iso.datetime(),
});
export type ClaimSubmittedV1 = z.infer<typeof claimSubmittedV1>;
