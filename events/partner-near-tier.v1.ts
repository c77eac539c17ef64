import { z } from 'zod';

/**
 * Published after an accrual run for each partner that run found close to its next tier in a program
 * period (within the program's near-tier distance). `alertId` names the alert (run, program, period,
 * partner): a repeated delivery carries the same id, so listeners act once per alert.
 */
export const source = 'chrm.accruals';
export const detailType = 'PartnerNearTier';
export const version = 1;

export const partnerNearTierV1 = z.object({
  version: z.literal(version),
  alertId: z.string(),
  runId: z.string(),
  programId: z.string(),
  programVersion: z.number().int().positive(),
  period: z.string(),
  partnerId: z.string(),
  basis: z.enum(['quantity', 'revenue']),
  /** The partner's period-to-date volume on `basis` (units, or revenue in `currency`). */
  volume: z.string(),
  /** What is still missing to the next tier: revenue in `currency` (minor units, rounded up) or units. */
  shortfall: z.string(),
  currency: z.string(),
  nextTier: z.object({ index: z.number().int().nonnegative(), from: z.string(), rate: z.string() }),
  rateType: z.enum(['percentOfRevenue', 'amountPerUnit']),
  /** "DIST-WEST is 4,200.00 USD short of 5 % on VOL-ALL-STEPPED". */
  message: z.string(),
  occurredAt: z.iso.datetime(),
});
export type PartnerNearTierV1 = z.infer<typeof partnerNearTierV1>;
