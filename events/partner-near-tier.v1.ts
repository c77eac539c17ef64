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
  runId: z.string().describe('The run that found the partner near its next tier'),
  programId: z.string().describe('The tiered program'),
  programVersion: z.number().int().positive().describe('The program version the run measured'),
  period: z.string().describe('Program period label, e.g. `2026-03` or `FY2026-Q1`'),
  periodEnd: z.iso.date().describe('Last day of the period: sales after it no longer reach the tier'),
  partnerId: z.string().describe('The partner near its next tier'),
  basis: z.enum(['quantity', 'revenue']).describe('What the tiers measure: units or revenue'),
  volume: z.string().describe('Period-to-date volume on `basis` (units, or revenue in `currency`)'),
  shortfall: z
    .string()
    .describe(
      'Still missing to the next tier: revenue in `currency` (rounded up to its minor unit) or units',
    ),
  currency: z.string().describe('The program currency (that of `shortfall` on a revenue basis)'),
  nextTier: z
    .object({
      index: z.number().int().nonnegative().describe('Index in the tier table, from 0'),
      from: z.string().describe('Threshold at which it is reached, on `basis`'),
      rate: z.string().describe('Its rate: a percentage, or an amount per unit (see `rateType`)'),
    })
    .describe('The tier the partner is near'),
  rateType: z
    .enum(['percentOfRevenue', 'amountPerUnit'])
    .describe('Whether tier rates are percentages of revenue or amounts per unit'),
  message: z.string().describe('"DIST-WEST is 4,200.00 USD short of 5 % on VOL-ALL-STEPPED"'),
  occurredAt: z.iso.datetime(),
});
export type PartnerNearTierV1 = z.infer<typeof partnerNearTierV1>;
