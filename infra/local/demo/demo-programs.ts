import type { ProgramDefinition } from '../../../domain/programs/program';
import { programDefinitionSchema } from '../../../domain/programs/program';

/**
 * Demo rebate programs over the demo channel's March 2026 sales: a retrospective quantity-tier volume
 * rebate on switches, a stepped revenue-tier volume rebate on everything, a co-op fund, a wireless
 * promotion, and an annual volume rebate paid to the buying group.
 */
export const demoPrograms: readonly ProgramDefinition[] = [
  {
    programId: 'VOL-SWITCH-2026',
    name: 'Switch volume rebate 2026 (retrospective, units)',
    currency: 'USD',
    businessUnit: 'NETWORKING',
    periodGranularity: 'month',
    eligibility: { startDate: '2026-01-01', products: { scope: 'categories', categories: ['SWITCHES'] } },
    terms: {
      kind: 'volume',
      basis: 'quantity',
      method: 'retrospective',
      rateType: 'percentOfRevenue',
      tiers: [
        { from: '0', rate: '1' },
        { from: '100', rate: '2' },
        { from: '250', rate: '3.5' },
      ],
    },
  },
  {
    programId: 'VOL-ALL-STEPPED',
    name: 'Quarterly growth-to-scale rebate (stepped, revenue)',
    currency: 'USD',
    periodGranularity: 'quarter',
    // Alerts partners within 15 % of the next threshold (the default is 10 %): DIST-SOUTH in the demo.
    nearTierPercent: '15',
    eligibility: { startDate: '2026-01-01', excludedCategories: ['CABLES'] },
    terms: {
      kind: 'volume',
      basis: 'revenue',
      method: 'stepped',
      rateType: 'percentOfRevenue',
      tiers: [
        { from: '0', rate: '0.5' },
        { from: '50000', rate: '1.25' },
        { from: '150000', rate: '2' },
      ],
    },
  },
  {
    programId: 'COOP-2026',
    name: 'Co-op marketing fund 2026',
    currency: 'USD',
    businessUnit: 'CHANNEL-MARKETING',
    periodGranularity: 'month',
    eligibility: { startDate: '2026-01-01' },
    terms: { kind: 'coop', percent: '2' },
  },
  {
    programId: 'PROMO-WIFI-MAR',
    name: 'Wireless spring promotion ($15 a unit)',
    currency: 'USD',
    periodGranularity: 'month',
    eligibility: { startDate: '2026-03-01', products: { scope: 'categories', categories: ['WIRELESS'] } },
    terms: {
      kind: 'promotion',
      rateType: 'amountPerUnit',
      rate: '15',
      window: { start: '2026-03-10', end: '2026-03-25' },
    },
  },
].map((definition) => programDefinitionSchema.parse(definition));
