import { z } from 'zod';
import { businessCodeSchema } from '../shared/codes';
import { BusinessRuleError, ValidationError } from '../shared/errors';
import { type IsoDate, isoDateSchema } from '../shared/iso-date';
import { fromMinorUnits, isLedgerAmount, toMinorUnits } from '../shared/money/minor-units';
import { currencyCodeSchema, currencyMinorUnits } from '../shared/money/money';
import { accrualFundSchema, type LedgerPosting, periodLabelSchema } from './ledger-posting';

const reasonSchema = z.string().trim().min(1, 'must not be empty').max(1000);

const requestFields = {
  programId: businessCodeSchema.describe('Program code'),
  beneficiaryPartnerId: businessCodeSchema.describe('Partner whose earned changes'),
  fund: accrualFundSchema.describe('Fund: `rebate`, `coop` or `spif`'),
  period: periodLabelSchema.describe(
    'Program period label: YYYY-MM, FYyyyy-Qn or FYyyyy (fiscal year from the program’s `programYearStartMonth`)',
  ),
  currency: currencyCodeSchema.describe('ISO 4217 currency of `amount`'),
  amount: z
    .string()
    .regex(/^-?\d{1,15}(\.\d{1,6})?$/, 'must be a signed decimal string, e.g. "-12.50"')
    .describe(
      'Signed change of earned, decimal string with at most the currency’s decimals: "-12.50" lowers earned by 12.50; never zero',
    ),
  reason: reasonSchema.describe('Why (audit)'),
};

/**
 * What a finance user asks for: a signed change of what a beneficiary earned in a program period (positive
 * raises earned, negative lowers it), at most the currency's decimals, never zero, with a reason.
 */
export const manualAdjustmentRequestSchema = z.object(requestFields).superRefine((input, ctx) => {
  const decimals = input.amount.split('.')[1]?.length ?? 0;
  const minorUnits = currencyMinorUnits[input.currency];
  if (decimals > minorUnits) {
    ctx.addIssue({
      code: 'custom',
      path: ['amount'],
      message: `${input.currency} has ${minorUnits} decimals`,
    });
  } else if (/^-?[0.]+$/.test(input.amount)) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must not be zero' });
  }
});
export type ManualAdjustmentRequest = z.input<typeof manualAdjustmentRequestSchema>;

const recordFields = {
  ...requestFields,
  adjustmentId: z.string().min(1).max(200),
  requestedBy: z.string().min(1),
  requestedOn: isoDateSchema,
};

/** A stored manual adjustment, by status; read-back is validated with this schema. */
export const manualAdjustmentSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('requested'), ...recordFields }),
    z.object({
      status: z.literal('approved'),
      ...recordFields,
      approvedBy: z.string().min(1),
      approvedOn: isoDateSchema,
      postingId: z.string().min(1),
    }),
    z.object({
      status: z.literal('rejected'),
      ...recordFields,
      rejectedBy: z.string().min(1),
      rejectedOn: isoDateSchema,
      rejectionReason: reasonSchema,
    }),
  ])
  .superRefine((adjustment, ctx) => {
    if (!isLedgerAmount(adjustment.amount, adjustment.currency)) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must have exactly the minor units' });
    }
  });
export type ManualAdjustment = Readonly<z.output<typeof manualAdjustmentSchema>>;
export type RequestedManualAdjustment = Extract<ManualAdjustment, { readonly status: 'requested' }>;
export type ApprovedManualAdjustment = Extract<ManualAdjustment, { readonly status: 'approved' }>;
export type RejectedManualAdjustment = Extract<ManualAdjustment, { readonly status: 'rejected' }>;

function validationErrorOf(error: z.ZodError): ValidationError {
  return new ValidationError(
    'The manual adjustment is invalid',
    error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

/**
 * Records a finance user's request. The amount is stored with exactly the currency's minor units
 * ("-5" USD → "-5.00"). Throws ValidationError with field paths (`amount`, `reason`, ...).
 */
export function requestManualAdjustment(
  input: ManualAdjustmentRequest,
  request: { readonly adjustmentId: string; readonly requestedBy: string; readonly requestedOn: IsoDate },
): RequestedManualAdjustment {
  const parsed = manualAdjustmentRequestSchema.safeParse(input);
  if (!parsed.success) throw validationErrorOf(parsed.error);
  const { data } = parsed;
  return {
    status: 'requested',
    ...data,
    amount: fromMinorUnits(toMinorUnits(data.amount, data.currency), data.currency),
    ...request,
  };
}

function assertDecidable(adjustment: ManualAdjustment, decidedOn: IsoDate): RequestedManualAdjustment {
  if (adjustment.status === 'approved') {
    throw new BusinessRuleError(
      `adjustment '${adjustment.adjustmentId}' is already approved and posted; correct it with a new adjustment`,
    );
  }
  if (adjustment.status === 'rejected') {
    throw new BusinessRuleError(`adjustment '${adjustment.adjustmentId}' was rejected; request a new one`);
  }
  if (decidedOn < adjustment.requestedOn) {
    throw new BusinessRuleError(
      `adjustment '${adjustment.adjustmentId}' cannot be decided before it was requested`,
    );
  }
  return adjustment;
}

/**
 * Approves a requested adjustment and posts it: the returned `adjustment` posting (id
 * `adjustment#<adjustmentId>`, accounting date `approvedOn`) is to be stored with the approval in one write.
 * Throws BusinessRuleError when the approver requested it (segregation of duties), when it is already
 * approved or rejected, or when `approvedOn` is before `requestedOn`.
 */
export function approveManualAdjustment(
  adjustment: ManualAdjustment,
  approval: { readonly approvedBy: string; readonly approvedOn: IsoDate },
): { adjustment: ApprovedManualAdjustment; posting: LedgerPosting } {
  const requested = assertDecidable(adjustment, approval.approvedOn);
  if (approval.approvedBy === requested.requestedBy) {
    throw new BusinessRuleError('a manual adjustment must be approved by someone other than its requester');
  }
  const postingId = `adjustment#${requested.adjustmentId}`;
  const posting: LedgerPosting = {
    kind: 'adjustment',
    postingId,
    adjustmentId: requested.adjustmentId,
    programId: requested.programId,
    period: requested.period,
    fund: requested.fund,
    beneficiaryPartnerId: requested.beneficiaryPartnerId,
    // A manual adjustment is the beneficiary's own; no sale, item or salesperson earned it.
    partnerId: requested.beneficiaryPartnerId,
    endCustomerId: null,
    billTo: null,
    sku: null,
    uom: null,
    salesperson: null,
    currency: requested.currency,
    amount: requested.amount,
    postedOn: approval.approvedOn,
    reason: requested.reason,
  };
  return { adjustment: { ...requested, ...approval, status: 'approved', postingId }, posting };
}

/**
 * Rejects a requested adjustment; nothing is posted. The requester may reject (withdraw) their own
 * request: only approval needs a second person. Throws ValidationError without a reason, BusinessRuleError
 * when it is already approved or rejected, or when `rejectedOn` is before `requestedOn`.
 */
export function rejectManualAdjustment(
  adjustment: ManualAdjustment,
  rejection: { readonly rejectedBy: string; readonly rejectedOn: IsoDate; readonly reason: string },
): RejectedManualAdjustment {
  const parsed = z.object({ reason: reasonSchema }).safeParse({ reason: rejection.reason });
  if (!parsed.success) throw validationErrorOf(parsed.error);
  const requested = assertDecidable(adjustment, rejection.rejectedOn);
  return {
    ...requested,
    status: 'rejected',
    rejectedBy: rejection.rejectedBy,
    rejectedOn: rejection.rejectedOn,
    rejectionReason: parsed.data.reason,
  };
}
