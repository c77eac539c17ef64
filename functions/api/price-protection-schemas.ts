import { z } from 'zod';
import { businessCodeSchema } from '../../domain/shared/codes';
import { pageQuerySchema } from './api-schemas';
import { claimResponseSchema } from './claim-schemas';
import { amount, currency } from './record-response-schemas';

export const priceProtectionRunPathSchema = z.object({
  runId: z.string().regex(/^PPR-[A-F0-9]{16}$/, 'must be a price protection run id (PPR-…)'),
});

export const priceProtectionClaimListQuerySchema = pageQuerySchema.extend({
  partnerId: businessCodeSchema
    .optional()
    .describe('The partner whose claims staff read; a partner user always reads its own'),
});

const layerSchema = z.looseObject({
  date: z.string().describe('Day the units were received (ISO date)'),
  quantity: z.string().describe('Units of this receipt still held, decimal string'),
  unitCost: z.string().describe('Book cost per unit in force that day'),
  atOldPrice: z.boolean().describe('Bought at the old price: protected'),
  inTransit: z.boolean().optional().describe('In transit on the snapshot date'),
});

const protectionSchema = z.looseObject({
  reportedDate: z
    .string()
    .describe('Snapshot the eligible quantity comes from (latest on or before the change)'),
  reportedOnHand: z.string().describe('Units on hand the partner reported that day'),
  inTransit: z.string().describe('Units in transit counted ("0" unless the term includes them)'),
  computedOnHand: z.string().describe('Opening + sell-in − sell-through, from channel data'),
  variance: z.string().describe('reported − computed'),
  review: z.array(z.string()).describe('Why the line needs a person: `positionDiffers`'),
  layers: z.array(layerSchema).describe('Held units by receipt, first in first out'),
  outsideWindow: z.string().describe('Units received before the eligibility window: not protected'),
  eligibleQuantity: z.string().describe('Units bought at the old price within the window'),
  protectedQuantity: z.string().describe('Eligible units × supported quantity percent'),
  unitAmount: z.string().describe('Per unit: difference × supported difference percent'),
  amount: amount('Protected quantity × unit amount, half-even to the currency'),
});

export const priceProtectionLineSchema = z.looseObject({
  runId: z.string().describe('Run the line belongs to'),
  partnerId: z.string().describe('Partner the line is for'),
  status: z
    .enum(['awaitingPartner', 'accepted', 'disputed', 'nothingToProtect', 'recovery'])
    .describe('Where the partner stands in the run'),
  protection: protectionSchema.optional().describe('Absent when the partner reported no snapshot'),
  claimId: z.string().optional().describe('The claim generated for the partner'),
  recoveryOffsets: z
    .array(
      z.object({
        runId: z.string().describe('Run whose recovery the claim sets against'),
        amount: amount('Amount taken back (positive): the claim pays that much less'),
      }),
    )
    .optional()
    .describe('Open recoveries of the partner this line’s claim sets against'),
  offsetByClaimId: z
    .string()
    .optional()
    .describe('A `recovery` line: the later claim of the partner that took it back (absent while open)'),
  offsetAt: z.string().optional().describe('When that claim took it back (ISO 8601)'),
  dispute: z
    .looseObject({
      reason: z.string().describe('What the partner disputes and why'),
      at: z.string().describe('When it disputed (ISO 8601)'),
    })
    .optional()
    .describe('The partner’s dispute, when it disputed'),
  createdAt: z.string().describe('When the line was computed (ISO 8601)'),
  version: z.number().int().describe('Grows by one with each review'),
});

export const priceProtectionRunSchema = z.looseObject({
  runId: z.string().describe('Run id (PPR-…), one per price entry'),
  request: z.looseObject({}).describe('The price entry, partners and term run'),
  currency,
  oldUnitCost: z.string().describe('Book cost before the change'),
  newUnitCost: z.string().describe('Book cost from the change'),
  direction: z.enum(['decrease', 'increase', 'unchanged']).describe('Which way the book cost moved'),
  changePercent: z.string().describe('Size of the change, percent of the old cost'),
  outcome: z
    .enum(['claimsGenerated', 'belowMinimum', 'increaseNoClaim', 'recoveryComputed', 'unchanged'])
    .describe('What the run concluded for the change'),
  status: z.enum(['running', 'completed']).describe('`running` until every partner is computed'),
  totalClaimed: amount('Σ generated claims'),
  claimCount: z.number().int().describe('Claims the run generated'),
  createdAt: z.string().describe('When the run started (ISO 8601)'),
});

export const priceProtectionRunResponseSchema = z.object({
  run: priceProtectionRunSchema.describe('The run'),
  lines: z.array(priceProtectionLineSchema).describe('One line per partner computed'),
  claims: z.array(claimResponseSchema).describe('The claims the run generated'),
});

export const priceProtectionClaimResponseSchema = z.object({
  line: priceProtectionLineSchema.describe('The partner’s line of the run: the figures the claim comes from'),
  claim: claimResponseSchema.describe('The generated claim, settled like any claim'),
});

export const priceProtectionRecoveryQuerySchema = z.object({
  partnerId: businessCodeSchema
    .optional()
    .describe('The partner whose recovery staff read; a partner user always reads its own'),
});
