import { z } from 'zod';
import { fundKinds, fundStatuses } from '../../domain/funds/fund';
import { activityTypes, fundRequestStatuses } from '../../domain/funds/fund-request';
import { fundMovementKinds } from '../../domain/funds/ports';
import { fundClaimStatuses } from '../../domain/funds/proof-of-performance';
import { businessCodeSchema } from '../../domain/shared/codes';
import { amount, amountInCurrency, currency, periodLabel } from './record-response-schemas';

/** Request and response schemas of the fund routes (see README, "Co-op and MDF funds"). */

const id = (prefix: string, what: string) =>
  z.string().regex(new RegExp(`^${prefix}-[A-Z0-9-]{1,64}$`), `must be a ${what} id (${prefix}-…)`);

export const fundPathSchema = z.object({ fundId: id('FND', 'fund') });
export const fundRequestPathSchema = z.object({ requestId: id('FRQ', 'fund request') });
export const fundClaimPathSchema = z.object({ fundClaimId: id('FCL', 'fund claim') });

export const fundListQuerySchema = z
  .object({
    partnerId: businessCodeSchema
      .optional()
      .describe('Only this partner’s funds (staff); a partner user always sees only its own'),
  })
  .strict();

export const fundRequestListQuerySchema = fundListQuerySchema.extend({
  fundId: z.string().max(100).optional().describe('Only requests against this fund'),
  status: z
    .enum(fundRequestStatuses)
    .optional()
    .describe('Only requests in this status (`submitted`: the approvers’ inbox)'),
});

export const fundClaimListQuerySchema = z
  .object({
    fundId: z.string().max(100).optional().describe('Only claims on this fund'),
    status: z
      .enum(fundClaimStatuses)
      .optional()
      .describe('Only claims in this status (`submitted`: the review inbox)'),
  })
  .strict();

const isoDate = (meaning: string) => z.string().describe(`${meaning} (ISO 8601 date YYYY-MM-DD)`);
const actor = z
  .looseObject({
    userId: z.string().describe('User id'),
    role: z.string().describe('Role the user acted in'),
  })
  .describe('Who acted');

export const fundResponseSchema = z.looseObject({
  fundId: z.string().describe('Fund id (FND-…)'),
  kind: z
    .enum(fundKinds)
    .describe('`discretionary` (MDF budget) or `accrual` (a co-op program’s earned balance)'),
  partnerId: z.string().describe('Partner the fund is for'),
  name: z.string().describe('Name people see'),
  period: periodLabel,
  programId: z.string().optional().describe('Co-op program whose earned balance the fund is (accrual funds)'),
  currency,
  validFrom: isoDate('First day of activities the fund pays for'),
  validTo: isoDate('Last day of activities the fund pays for'),
  expiry: z
    .looseObject({
      claimWindowDays: z.number().int().describe('Days after an activity that its claim is taken'),
    })
    .describe('The use-it-or-lose-it rule'),
  expiresOn: isoDate('Last day of the claim window: the day after, the unspent balance is released'),
  status: z.enum(fundStatuses).describe('`active` or `expired`'),
  balances: z
    .looseObject({
      allocated: amount('Budget, or the earned co-op balance the fund opened with'),
      reserved: amount('Held by approved requests not yet settled'),
      claimed: amount('Approved proof-of-performance claims'),
      expired: amount('Released at or after expiry'),
      available: amount('allocated − reserved − claimed − expired: what new requests may reserve'),
    })
    .describe('The fund’s balances'),
  allocatedBy: actor,
  createdAt: z.string().describe('When it was allocated (ISO 8601)'),
});

export const fundUtilizationResponseSchema = z.looseObject({
  fundId: z.string().describe('Fund id'),
  partnerId: z.string().describe('Partner the fund is for'),
  kind: z.enum(fundKinds).describe('`discretionary` or `accrual`'),
  status: z.enum(fundStatuses).describe('`active` or `expired`'),
  currency,
  allocated: amount('Allocated'),
  reserved: amount('Reserved by approved requests'),
  claimed: amount('Approved proof-of-performance claims'),
  paid: amount('The part of `claimed` payment batches paid'),
  expired: amount('Released at expiry'),
  available: amount('Still available to new requests'),
});

export const fundMovementResponseSchema = z.looseObject({
  movementId: z.string().describe('Movement id, derived from what caused it'),
  fundId: z.string().describe('Fund id'),
  kind: z.enum(fundMovementKinds).describe(`What moved: ${fundMovementKinds.join(', ')}`),
  amount: amount('Amount moved (positive)'),
  at: z.string().describe('When (ISO 8601)'),
  by: actor,
  requestId: z.string().optional().describe('Fund request concerned'),
  fundClaimId: z.string().optional().describe('Proof-of-performance claim concerned'),
  note: z.string().describe('Why'),
});

export const fundRequestResponseSchema = z.looseObject({
  requestId: z.string().describe('Fund request id (FRQ-…)'),
  fundId: z.string().describe('Fund the activity is paid from'),
  partnerId: z.string().describe('Partner asking'),
  currency,
  activityType: z.enum(activityTypes).describe(`Activity: ${activityTypes.join(', ')}`),
  description: z.string().describe('What the activity is'),
  startDate: isoDate('First day of the activity'),
  endDate: isoDate('Last day of the activity'),
  plannedCost: amount('Planned cost'),
  sharePercent: z.string().describe('Share of the cost the manufacturer pays, percent'),
  requestedAmount: amount('Planned cost × share'),
  approvedAmount: amount('Amount approved and reserved (absent until approved)').optional(),
  claimBy: isoDate('Last day proof of performance is taken'),
  status: z
    .enum(fundRequestStatuses)
    .describe(
      '`submitted`, `approved`, `rejected`, `claimed` (claim in review), `closed` (settled), `expired`',
    ),
  submittedBy: actor,
  submittedAt: z.string().describe('When it was submitted (ISO 8601)'),
  history: z
    .array(
      z.looseObject({
        at: z.string().describe('When (ISO 8601)'),
        by: actor,
        from: z.string().nullable().describe('Status before (null: created)'),
        to: z.string().describe('Status after'),
        amount: amount('Amount concerned').optional(),
        reason: z.string().optional().describe('Reason or comment given'),
      }),
    )
    .describe('Audit trail: every transition'),
  signatures: z
    .array(
      z.looseObject({
        level: z.string().describe('`approver` or `finance`'),
        by: actor,
        at: z.string().describe('When (ISO 8601)'),
        amount: amount('Amount this level approved'),
      }),
    )
    .optional()
    .describe('Levels signed so far while a further level must sign (above the approval policy threshold)'),
  version: z.number().int().describe('Version, incremented by every change'),
});

export const fundClaimResponseSchema = z.looseObject({
  fundClaimId: z.string().describe('Proof-of-performance claim id (FCL-…)'),
  requestId: z.string().describe('Approved fund request claimed against'),
  fundId: z.string().describe('Fund'),
  partnerId: z.string().describe('Partner claiming'),
  currency,
  actualCost: amount('What the activity cost'),
  payable: amount('min(actual cost × share, approved amount, fund balance)'),
  amountClaimed: amount('Amount claimed (≤ payable)'),
  amountApproved: amount('Amount approved by the review (absent until reviewed)').optional(),
  evidence: z.array(z.string()).describe('Object keys of the evidence files'),
  status: z
    .enum(fundClaimStatuses)
    .describe('`submitted` (in review), `approved`, `partiallyApproved`, `rejected`'),
  submittedBy: actor,
  submittedAt: z.string().describe('When it was submitted (ISO 8601)'),
  reviewedBy: actor.optional(),
  reviewedAt: z.string().optional().describe('When it was reviewed (ISO 8601)'),
  reason: z
    .string()
    .optional()
    .describe('Reason of a partial approval or rejection, or the reviewer’s comment'),
  settlementClaimId: z
    .string()
    .optional()
    .describe('The approved `mdf` claim (GET /claims/{claimId}) that payment batches pay'),
  version: z.number().int().describe('Version, incremented by every change'),
});

export const evidenceUploadResponseSchema = z.looseObject({
  key: z.string().describe('Object key to cite in the claim’s `evidence`'),
  uploadUrl: z.string().describe('Presigned PUT URL, signed for exactly the declared type and size'),
  expiresAt: z.string().describe('When the URL stops working (ISO 8601)'),
  requiredHeaders: z.record(z.string(), z.string()).describe('Headers the PUT must carry exactly as signed'),
});

export const fundRoiResponseSchema = z.looseObject({
  partnerId: z.string().describe('Partner whose funded activities and POS sales are compared'),
  items: z
    .array(
      z.looseObject({
        activityType: z.enum(activityTypes).describe('Activity type'),
        activities: z.number().int().describe('Funded activities (approved, claimed or closed requests)'),
        days: z.number().int().describe('Distinct days the activities ran'),
        funded: z.array(amountInCurrency).describe('Approved amounts, one total per currency'),
        sales: z.array(amountInCurrency).describe('POS revenue invoiced on those days, per currency'),
        salesYearBefore: z
          .array(amountInCurrency)
          .describe('POS revenue invoiced on the same days a year earlier, per currency'),
        change: z.array(amountInCurrency).describe('sales − salesYearBefore, per currency'),
      }),
    )
    .describe('One per activity type with funded activities'),
});
