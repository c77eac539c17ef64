import { z } from 'zod';
import type { ApprovalLevel } from '../approvals/approval-policy';
import type { ClaimActor } from '../claims/claim';
import { nameSchema } from '../shared/codes';
import { type IsoDate, isoDateSchema } from '../shared/iso-date';
import { fromMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { divideHalfEven, parseScaled } from '../shared/money/scaled-integer';
import { addDays, type Fund } from './fund';

/** What a partner plans with the manufacturer's money. */
export const activityTypes = ['advertising', 'event', 'training', 'digital', 'tradeShow', 'other'] as const;
export type ActivityType = (typeof activityTypes)[number];

/**
 * Where a fund request stands. `submitted` → `approved` (the amount reserved in the fund) or `rejected`
 * (reason); `approved` → `claimed` (proof of performance in review) → `closed` (claim approved, settled) or
 * back to `approved` (claim rejected: the partner may claim again); `submitted` or `approved` past its due
 * date → `expired`, the reservation returned to the fund.
 */
export const fundRequestStatuses = [
  'submitted',
  'approved',
  'rejected',
  'claimed',
  'closed',
  'expired',
] as const;
export type FundRequestStatus = (typeof fundRequestStatuses)[number];

/** Share decimals: "50", "33.3333" (percent). */
const shareDecimals = 4;

/** Audit trail entry of a request. */
export interface FundRequestHistoryEntry {
  readonly at: string;
  readonly by: ClaimActor;
  readonly from: FundRequestStatus | null;
  readonly to: FundRequestStatus;
  readonly amount?: string;
  readonly reason?: string;
}

/** One level's approval of a request that needs more than one (see `fund-request-approval.ts`). */
export interface FundRequestSignature {
  readonly level: ApprovalLevel;
  readonly by: ClaimActor;
  readonly at: string;
  /** The amount this level approved: a later level may lower it, never raise it. */
  readonly amount: string;
}

/** A partner's request for pre-approval of a marketing activity paid (in part) from one fund. */
export interface FundRequest {
  readonly requestId: string;
  readonly fundId: string;
  readonly partnerId: string;
  readonly currency: CurrencyCode;
  readonly activityType: ActivityType;
  readonly description: string;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  /** The activity's planned cost, canonical in the fund's currency. */
  readonly plannedCost: string;
  /** The share of the cost the manufacturer pays, percent, e.g. "50". */
  readonly sharePercent: string;
  /** plannedCost × share, rounded half-even to the currency's minor unit. */
  readonly requestedAmount: string;
  /** Set by approval: what the fund reserved for this request (≤ requestedAmount). */
  readonly approvedAmount?: string;
  /** Last day proof of performance is taken: endDate + the fund's claim window, at most the fund's expiry. */
  readonly claimBy: IsoDate;
  readonly status: FundRequestStatus;
  /** The levels signed so far while more must sign (approver, then finance above the policy's threshold). */
  readonly signatures?: readonly FundRequestSignature[];
  readonly submittedBy: ClaimActor;
  readonly submittedAt: string;
  readonly history: readonly FundRequestHistoryEntry[];
  readonly version: number;
}

const amountText = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,6})?$/, 'must be a positive decimal string, e.g. "3000.00"');

/** What a partner sends to ask for pre-approval (the fund's currency applies to every amount). */
export const fundRequestInputSchema = z
  .object({
    fundId: z.string().trim().min(1).max(100).describe('Fund the activity is paid from'),
    activityType: z.enum(activityTypes).describe(`Activity: ${activityTypes.join(', ')}`),
    description: nameSchema.describe('What the activity is'),
    startDate: isoDateSchema.describe('First day of the activity'),
    endDate: isoDateSchema.describe('Last day of the activity'),
    plannedCost: amountText.describe('Planned cost of the activity in the fund’s currency, > 0'),
    sharePercent: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a percentage like "50" or "33.5"')
      .describe('Share of the cost the manufacturer pays, percent, > 0 and ≤ 100'),
  })
  .strict()
  .superRefine((request, ctx) => {
    if (request.endDate < request.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
    }
    const share = parseScaled(request.sharePercent, shareDecimals);
    if (share <= 0n || share > 100n * 10n ** BigInt(shareDecimals)) {
      ctx.addIssue({
        code: 'custom',
        path: ['sharePercent'],
        message: 'must be greater than 0 and at most 100',
      });
    }
  });
export type FundRequestInput = z.output<typeof fundRequestInputSchema>;

/**
 * cost × share%, both in minor units of the fund's currency, rounded half-even once (here, at the point the rule names).
 * Example: 3,000.00 at 50 % → 1,500.00; 0.05 at 50 % → 0.02 (half-even).
 */
export function shareOf(cost: bigint, sharePercent: string): bigint {
  const share = parseScaled(sharePercent, shareDecimals);
  return divideHalfEven(cost * share, 100n * 10n ** BigInt(shareDecimals));
}

/** The day after which a request no one decided, or no one claimed, expires. */
export function dueOn(request: Pick<FundRequest, 'status' | 'endDate' | 'claimBy'>): IsoDate {
  return request.status === 'submitted' ? request.endDate : request.claimBy;
}

/** Whether a request in this status is still open for the expiry job (undecided, or approved and unclaimed). */
export const isOpen = (status: FundRequestStatus) => status === 'submitted' || status === 'approved';

/** A new request against `fund` (already checked by the use case: same partner, active, dates inside). */
export function newFundRequest(
  fund: Fund,
  input: FundRequestInput,
  fields: {
    readonly requestId: string;
    readonly plannedCost: bigint;
    readonly by: ClaimActor;
    readonly at: string;
  },
): FundRequest {
  const text = (value: bigint) => fromMinorUnits(value, fund.currency);
  const requested = shareOf(fields.plannedCost, input.sharePercent);
  const claimBy = addDays(input.endDate, fund.expiry.claimWindowDays);
  return {
    requestId: fields.requestId,
    fundId: fund.fundId,
    partnerId: fund.partnerId,
    currency: fund.currency,
    activityType: input.activityType,
    description: input.description,
    startDate: input.startDate,
    endDate: input.endDate,
    plannedCost: text(fields.plannedCost),
    sharePercent: input.sharePercent,
    requestedAmount: text(requested),
    claimBy: [claimBy, fund.expiresOn].sort()[0] ?? claimBy,
    status: 'submitted',
    submittedBy: fields.by,
    submittedAt: fields.at,
    history: [{ at: fields.at, by: fields.by, from: null, to: 'submitted', amount: text(requested) }],
    version: 1,
  };
}

/** The request moved to `to`, with its audit entry; the version advances for the store's conditional write. */
export function requestMovedTo(
  request: FundRequest,
  to: FundRequestStatus,
  change: {
    readonly by: ClaimActor;
    readonly at: string;
    readonly amount?: string;
    readonly reason?: string;
  },
): FundRequest {
  return {
    ...request,
    ...(to === 'approved' && change.amount !== undefined && request.status === 'submitted'
      ? { approvedAmount: change.amount }
      : {}),
    status: to,
    version: request.version + 1,
    history: [
      ...request.history,
      {
        at: change.at,
        by: change.by,
        from: request.status,
        to,
        ...(change.amount === undefined ? {} : { amount: change.amount }),
        ...(change.reason === undefined ? {} : { reason: change.reason }),
      },
    ],
  };
}
