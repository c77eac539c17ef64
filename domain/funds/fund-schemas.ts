import { z } from 'zod';
import { roleSchema } from '../access/actor';
import { approvalLevels } from '../approvals/approval-policy';
import { periodLabelSchema } from '../ledger/ledger-posting';
import { isoDateSchema } from '../shared/iso-date';
import { fromMinorUnits } from '../shared/money/minor-units';
import { currencyCodeSchema } from '../shared/money/money';
import { availableOf, type Fund, fundKinds, fundStatuses } from './fund';
import { activityTypes, type FundRequest, fundRequestStatuses } from './fund-request';
import { type FundMovement, fundMovementKinds } from './ports';
import { type FundClaim, fundClaimStatuses } from './proof-of-performance';

const actorSchema = z.object({ userId: z.string().min(1), role: roleSchema });
const amountSchema = z.string().regex(/^\d+(\.\d+)?$/, 'must be a non-negative amount');

/** A fund as stored, without its balances (those are integers beside it); read-back is validated. */
export const storedFundSchema = z.object({
  fundId: z.string().min(1),
  kind: z.enum(fundKinds),
  partnerId: z.string().min(1),
  name: z.string().min(1),
  period: periodLabelSchema,
  programId: z.string().min(1).exactOptional(),
  currency: currencyCodeSchema,
  validFrom: isoDateSchema,
  validTo: isoDateSchema,
  expiry: z.object({ claimWindowDays: z.number().int().min(0) }),
  expiresOn: isoDateSchema,
  status: z.enum(fundStatuses),
  allocatedBy: actorSchema,
  createdAt: z.iso.datetime(),
}) satisfies z.ZodType<Omit<Fund, 'balances'>>;

/** A fund as the API answers it: balances as amounts in its currency, `available` added. */
export const fundResponseSchema = storedFundSchema.extend({
  balances: z.object({
    allocated: amountSchema,
    reserved: amountSchema,
    claimed: amountSchema,
    expired: amountSchema,
    available: amountSchema,
  }),
});
export type FundView = z.output<typeof fundResponseSchema>;

export function fundView(fund: Fund): FundView {
  const text = (value: bigint) => fromMinorUnits(value, fund.currency);
  const { balances, ...rest } = fund;
  return {
    ...rest,
    balances: {
      allocated: text(balances.allocated),
      reserved: text(balances.reserved),
      claimed: text(balances.claimed),
      expired: text(balances.expired),
      available: text(availableOf(balances)),
    },
  };
}

const requestStatusSchema = z.enum(fundRequestStatuses);

export const fundRequestSchema = z.object({
  requestId: z.string().min(1),
  fundId: z.string().min(1),
  partnerId: z.string().min(1),
  currency: currencyCodeSchema,
  activityType: z.enum(activityTypes),
  description: z.string(),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  plannedCost: amountSchema,
  sharePercent: z.string(),
  requestedAmount: amountSchema,
  approvedAmount: amountSchema.exactOptional(),
  claimBy: isoDateSchema,
  status: requestStatusSchema,
  signatures: z
    .array(
      z.object({
        level: z.enum(approvalLevels),
        by: actorSchema,
        at: z.iso.datetime(),
        amount: amountSchema,
      }),
    )
    .exactOptional(),
  submittedBy: actorSchema,
  submittedAt: z.iso.datetime(),
  history: z.array(
    z.object({
      at: z.iso.datetime(),
      by: actorSchema,
      from: requestStatusSchema.nullable(),
      to: requestStatusSchema,
      amount: z.string().exactOptional(),
      reason: z.string().exactOptional(),
    }),
  ),
  version: z.number().int().positive(),
}) satisfies z.ZodType<FundRequest>;

export const fundClaimSchema = z.object({
  fundClaimId: z.string().min(1),
  requestId: z.string().min(1),
  fundId: z.string().min(1),
  partnerId: z.string().min(1),
  currency: currencyCodeSchema,
  actualCost: amountSchema,
  payable: amountSchema,
  amountClaimed: amountSchema,
  amountApproved: amountSchema.exactOptional(),
  evidence: z.array(z.string()),
  status: z.enum(fundClaimStatuses),
  submittedBy: actorSchema,
  submittedAt: z.iso.datetime(),
  reviewedBy: actorSchema.exactOptional(),
  reviewedAt: z.iso.datetime().exactOptional(),
  reason: z.string().exactOptional(),
  settlementClaimId: z.string().exactOptional(),
  version: z.number().int().positive(),
}) satisfies z.ZodType<FundClaim>;

export const fundMovementSchema = z.object({
  movementId: z.string().min(1),
  fundId: z.string().min(1),
  kind: z.enum(fundMovementKinds),
  amount: amountSchema,
  at: z.iso.datetime(),
  by: actorSchema,
  requestId: z.string().exactOptional(),
  fundClaimId: z.string().exactOptional(),
  note: z.string(),
}) satisfies z.ZodType<FundMovement>;
