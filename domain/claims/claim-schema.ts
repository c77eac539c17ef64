import { z } from 'zod';
import { roleSchema } from '../access/actor';
import { accrualFundSchema, periodLabelSchema } from '../ledger/ledger-posting';
import { isLedgerAmount } from '../shared/money/minor-units';
import { currencyCodeSchema } from '../shared/money/money';
import { type Claim, claimStatuses, claimTypes } from './claim';

const claimStatusSchema = z.enum(claimStatuses);
const claimActorSchema = z.object({ userId: z.string().min(1), role: roleSchema });

/**
 * A stored claim; read-back is validated with this schema, so an item that does not hold a claim (or one
 * written by an incompatible version) fails loudly instead of reaching a decision about money.
 */
export const claimSchema = z
  .object({
    claimId: z.string().min(1),
    type: z.enum(claimTypes),
    partnerId: z.string().min(1),
    programId: z.string().min(1),
    period: periodLabelSchema,
    fund: accrualFundSchema,
    currency: currencyCodeSchema,
    lines: z
      .array(
        z.object({
          lineNumber: z.number().int().positive(),
          amount: z.string(),
          reference: z.string().min(1),
          evidence: z.array(z.string()),
        }),
      )
      .min(1),
    amountClaimed: z.string(),
    amountApproved: z.string().exactOptional(),
    status: claimStatusSchema,
    submittedBy: claimActorSchema,
    submittedAt: z.iso.datetime(),
    validationFailures: z.array(
      z.object({
        code: z.string().min(1),
        message: z.string(),
        lineNumber: z.number().int().positive().exactOptional(),
      }),
    ),
    history: z.array(
      z.object({
        at: z.iso.datetime(),
        by: claimActorSchema,
        from: claimStatusSchema.nullable(),
        to: claimStatusSchema,
        amountBefore: z.string().exactOptional(),
        amountAfter: z.string().exactOptional(),
        reasonCode: z.string().exactOptional(),
        comment: z.string().exactOptional(),
      }),
    ),
    deductionSettlements: z
      .array(z.object({ deductionId: z.string().min(1), amount: z.string(), at: z.iso.datetime() }))
      .exactOptional(),
    settledBy: z.literal('deduction').exactOptional(),
    reviewRequired: z.array(z.string().min(1)).exactOptional(),
    paymentBatchId: z.string().min(1).exactOptional(),
    version: z.number().int().positive(),
  })
  .superRefine((claim, ctx) => {
    const amounts: [string, (string | number)[]][] = [
      [claim.amountClaimed, ['amountClaimed']],
      ...claim.lines.map((line, index): [string, (string | number)[]] => [
        line.amount,
        ['lines', index, 'amount'],
      ]),
      ...(claim.amountApproved === undefined
        ? []
        : [[claim.amountApproved, ['amountApproved']] as [string, (string | number)[]]]),
    ];
    for (const [amount, path] of amounts) {
      if (!isLedgerAmount(amount, claim.currency) || amount.startsWith('-')) {
        ctx.addIssue({ code: 'custom', path, message: `must be an amount in ${claim.currency} minor units` });
      }
    }
  }) satisfies z.ZodType<Claim>;
