import { z } from 'zod';
import { accrualFundSchema, periodLabelSchema } from '../ledger/ledger-posting';
import { businessCodeSchema } from '../shared/codes';
import { currencyCodeSchema, currencyMinorUnits } from '../shared/money/money';
import { submittedClaimTypes } from './claim';

/** At most this many lines per claim: each holds its reference in the claim's one atomic write. */
export const maxClaimLines = 50;

const claimLineRequestSchema = z.object({
  amount: z
    .string()
    .regex(/^\d{1,15}(\.\d{1,6})?$/, 'must be a positive decimal string, e.g. "125.50"')
    .describe(
      'Amount claimed on this line, > 0, with at most the currency’s decimals ("125.50" USD, "1200" JPY)',
    ),
  reference: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100)
    .describe(
      'What the line claims for (invoice, promotion or agreement number); unique per partner, program and period',
    ),
  evidence: z
    .array(z.string().trim().min(1).max(1000))
    .max(20)
    .default([])
    .describe('Keys of uploaded evidence or URLs the partner cites'),
});

/**
 * What a partner (or a channel manager on a partner's behalf) submits. Malformed input is refused here,
 * as a 400 with the field: a negative, zero or over-precise amount, an unknown currency, a reference twice
 * in one claim. Everything that depends on stored data (program, balance, duplicates) is automatic
 * validation, recorded on the claim as reason codes.
 */
export const claimRequestSchema = z
  .object({
    type: z.enum(submittedClaimTypes).describe('Claim type: `rebate`'),
    partnerId: businessCodeSchema
      .optional()
      .describe(
        'Partner claiming: required for a channel manager submitting on its behalf; a partner user may leave it out',
      ),
    programId: businessCodeSchema.describe('Program code'),
    period: periodLabelSchema.describe('Program period label: YYYY-MM, FYyyyy-Qn or FYyyyy'),
    fund: accrualFundSchema.describe('Fund claimed from: `rebate`, `coop` or `spif`'),
    currency: currencyCodeSchema.describe('ISO 4217 currency of the amounts; must be the program’s'),
    lines: z.array(claimLineRequestSchema).min(1).max(maxClaimLines).describe(`1 to ${maxClaimLines} lines`),
  })
  .strict()
  .superRefine((request, ctx) => {
    const minorUnits = currencyMinorUnits[request.currency];
    const seen = new Set<string>();
    request.lines.forEach((line, index) => {
      const decimals = line.amount.split('.')[1]?.length ?? 0;
      if (decimals > minorUnits) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', index, 'amount'],
          message: `${request.currency} has ${minorUnits} decimals`,
        });
      } else if (/^[0.]+$/.test(line.amount)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', index, 'amount'],
          message: 'must be greater than zero',
        });
      }
      if (seen.has(line.reference)) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', index, 'reference'],
          message: 'appears on an earlier line of this claim',
        });
      }
      seen.add(line.reference);
    });
  });
export type ClaimRequest = z.output<typeof claimRequestSchema>;
