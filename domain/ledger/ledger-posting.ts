import { z } from 'zod';
import { type AccrualFund, accrualKey } from '../accruals/accrual-entry';
import { isoDateSchema } from '../shared/iso-date';
import { isLedgerAmount, toMinorUnits } from '../shared/money/minor-units';
import { currencyCodeSchema } from '../shared/money/money';

/** The fund a posting moves: the rebate liability, the partner's co-op fund or salesperson incentives. */
export const accrualFundSchema = z.enum(['rebate', 'coop', 'spif'] as const satisfies readonly AccrualFund[]);

/** A program period label as the accrual engine writes it: `2026-03`, `FY2026-Q1` or `FY2026`. */
export const periodLabelSchema = z
  .string()
  .regex(
    /^(\d{4}-(0[1-9]|1[0-2])|FY\d{4}(-Q[1-4])?)$/,
    'must be a program period label: YYYY-MM, FYyyyy-Qn or FYyyyy',
  );

const idSchema = z.string().min(1).max(200);
// A line without the party (no bill-to reported) accrues under an empty value; null means not applicable.
const optionalDimension = z.string().max(200).nullable();

/** Fields every posting carries: the accrual dimensions it applies to, its amount and accounting date. */
const commonFields = {
  postingId: idSchema,
  programId: idSchema,
  period: periodLabelSchema,
  fund: accrualFundSchema,
  beneficiaryPartnerId: idSchema,
  partnerId: idSchema,
  endCustomerId: optionalDimension,
  billTo: optionalDimension,
  sku: optionalDimension,
  uom: optionalDimension,
  salesperson: optionalDimension,
  currency: currencyCodeSchema,
  amount: z.string(),
  postedOn: isoDateSchema,
  /** The funding business unit (from the program), a GL segment; absent when the program names none. */
  businessUnit: idSchema.optional(),
  reason: z.string().trim().min(1, 'must not be empty').max(1000),
};

/** Postings an accrual run makes: traceable to the run and to the accrual key they change. */
const runFields = {
  runId: idSchema,
  accrualKey: z.string().min(1),
  /** The program period ended before the accounting month of `postedOn`: a prior-period adjustment. */
  priorPeriod: z.boolean(),
};

/**
 * A ledger posting as stored; read-back is validated with this schema. Posted entries are never edited:
 * a correction is a new posting, so every amount is signed and a negative one reverses earlier postings.
 * - `accrual`: a run's first posting under an accrual key (earned).
 * - `trueUp`: a run's restatement or withdrawal of an earlier accrual (earned, the difference only).
 * - `adjustment`: an approved manual adjustment of earned.
 * - `claim`: an approved claim drawing on earned (negative: a claim cancelled after approval).
 * - `payment`: claims settled, by money paid out or set against the partner's receivable (negative: a
 *   payment returned or voided).
 *
 * `amount` is canonical with exactly the currency's minor units ("-12.30" USD, "1200" JPY), never zero.
 */
export const ledgerPostingSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('accrual'), ...commonFields, ...runFields }),
    z.object({ kind: z.literal('trueUp'), ...commonFields, ...runFields }),
    z.object({ kind: z.literal('adjustment'), ...commonFields, adjustmentId: idSchema }),
    z.object({ kind: z.literal('claim'), ...commonFields, claimId: idSchema }),
    z.object({
      kind: z.literal('payment'),
      ...commonFields,
      paymentId: idSchema,
      /** What the payment credits: cash (transfer, check) or the partner's receivable (credit memo, deduction). */
      settledAgainst: z.enum(['cash', 'receivable']).optional(),
    }),
  ])
  .superRefine((posting, ctx) => {
    if (!isLedgerAmount(posting.amount, posting.currency)) {
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: `must be a signed amount with exactly the minor units of ${posting.currency}`,
      });
    } else if (toMinorUnits(posting.amount, posting.currency) === 0n) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must not be zero' });
    }
    if (
      (posting.kind === 'accrual' || posting.kind === 'trueUp') &&
      posting.accrualKey !== accrualKey(posting)
    ) {
      ctx.addIssue({ code: 'custom', path: ['accrualKey'], message: 'does not match the dimensions' });
    }
  });

/** One ledger posting (see `ledgerPostingSchema`). */
export type LedgerPosting = Readonly<z.output<typeof ledgerPostingSchema>>;
export type LedgerPostingKind = LedgerPosting['kind'];
/** A posting made by an accrual run. */
export type RunPosting = Extract<LedgerPosting, { readonly kind: 'accrual' | 'trueUp' }>;
