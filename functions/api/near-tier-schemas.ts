import { z } from 'zod';
import { businessCodeSchema } from '../../domain/shared/codes';
import { partnerScopedPageQuerySchema } from './api-schemas';

/** `GET /near-tier-alerts`: a page, optionally of one program and (staff) one partner. */
export const nearTierAlertQuerySchema = partnerScopedPageQuerySchema.extend({
  programId: businessCodeSchema.optional().describe('Only alerts of this program'),
});

export const nearTierAlertResponseSchema = z.object({
  runId: z.string().describe('The run that found the partner near its next tier'),
  programId: z.string(),
  programVersion: z.number().int().positive(),
  period: z.string().describe('Program period label, e.g. `2026-03` or `FY2026-Q1`'),
  partnerId: z.string(),
  basis: z.enum(['quantity', 'revenue']).describe('What tiers measure: units or revenue'),
  volume: z.string().describe('Period-to-date volume on `basis` as the run measured it'),
  shortfall: z
    .string()
    .describe(
      'Still missing to the next tier: revenue in `currency` (rounded up to its minor unit) or units',
    ),
  currency: z.string().describe('The program currency (that of `shortfall` on a revenue basis)'),
  rateType: z.enum(['percentOfRevenue', 'amountPerUnit']),
  nextTier: z.object({ index: z.number().int().nonnegative(), from: z.string(), rate: z.string() }),
  message: z.string().describe('"DIST-WEST is 4,200.00 USD short of 5 % on VOL-ALL-STEPPED"'),
  flaggedAt: z.iso.datetime(),
  publishedAt: z.iso.datetime().nullable().describe('When its PartnerNearTier event was published'),
});
