import { z } from 'zod';
import { deductionStatuses, writeOffCodes } from '../../domain/deductions/deduction';
import { agingBuckets } from '../../domain/deductions/deduction-aging';
import { pageQuerySchema } from './api-schemas';
import { claimResponseSchema } from './claim-schemas';

/** Request and response schemas of the deduction routes (see README, "Payments and deductions"). */

export const deductionPathSchema = z.object({
  deductionId: z
    .string()
    .regex(/^DED-[A-Z0-9]{1,64}$/, 'must be a deduction id (DED-…)')
    .describe('Deduction id (DED-…)'),
});

export const deductionListQuerySchema = pageQuerySchema.extend({
  status: z
    .enum(deductionStatuses)
    .default('open')
    .describe('Deductions of this status, oldest import first; `open` (the default) is the aging report'),
});

/** The CSV travels inside JSON, like every other body of this API (one content type, one 415 rule). */
export const deductionImportSchema = z
  .object({
    csv: z
      .string()
      .min(1, 'must not be empty')
      .max(2_000_000, 'must be at most 2,000,000 characters; split the file')
      .describe(
        'The receivables system’s CSV: header `partner,invoice,amount,currency,reason,reference` (any order), one deduction a line',
      ),
  })
  .strict();

const decimalAmount = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,4})?$/, 'must be a positive decimal string, e.g. "120.50"');

export const deductionMatchSchema = z
  .object({
    claims: z
      .array(
        z
          .object({
            claimId: z.string().min(1).max(80).describe('A payable claim of the deduction’s partner'),
            amount: decimalAmount.describe('Amount of the deduction set against it, ≤ its payable amount'),
          })
          .strict(),
      )
      .min(1, 'must name at least one claim')
      .max(50, 'a deduction is split across at most 50 claims')
      .describe('The claims it settles; the amounts sum to the deduction within the tolerance'),
  })
  .strict();

export const deductionWriteOffSchema = z
  .object({
    reasonCode: z.enum(writeOffCodes).describe('Why it is written off; `other` needs a note'),
    note: z.string().trim().max(500).optional().describe('Free text for the record'),
  })
  .strict();

const amount = (meaning: string) =>
  z.string().describe(`${meaning}: decimal string in the deduction's \`currency\` (e.g. "120.50")`);
const actor = (meaning: string) =>
  z
    .looseObject({ userId: z.string().describe('User id'), role: z.string().describe('Role') })
    .describe(meaning);

export const deductionResponseSchema = z.looseObject({
  deductionId: z.string().describe('Deduction id (DED-…), given at import'),
  partnerId: z.string().describe('Partner that short-paid'),
  invoice: z.string().describe('Our invoice it short-paid'),
  amount: amount('Amount deducted'),
  currency: z.string().describe('ISO 4217 currency'),
  reason: z.string().describe('What the partner said it is for'),
  reference: z.string().describe('The partner’s reference; empty when none'),
  status: z.enum(deductionStatuses).describe('`open`, `matched` (settled claims) or `writtenOff`'),
  importedAt: z.string().describe('When imported (ISO 8601 UTC); the aging counts from here'),
  importedBy: actor('Who imported it'),
  candidateClaimIds: z
    .array(z.string())
    .optional()
    .describe('Claims automatic matching could not choose between (open deductions)'),
  matches: z
    .array(
      z.looseObject({
        claimId: z.string().describe('Claim settled'),
        programId: z.string().describe('Its program'),
        period: z.string().describe('Its program period'),
        fund: z.string().describe('Its fund'),
        amount: amount('Amount of the deduction set against the claim'),
      }),
    )
    .optional()
    .describe('Claims it settled (matched)'),
  matched: z
    .looseObject({
      by: actor('Who matched it (the importer for an automatic match)'),
      at: z.string().describe('When (ISO 8601 UTC)'),
      automatic: z.boolean().describe('Whether automatic matching chose the claim'),
      difference: amount('Deduction less the amounts settled, within the tolerance'),
    })
    .optional()
    .describe('How it was matched'),
  writeOff: z
    .looseObject({
      code: z.enum(writeOffCodes).describe('Write-off reason code'),
      note: z.string().optional().describe('Note given'),
      by: actor('Who wrote it off'),
      at: z.string().describe('When (ISO 8601 UTC)'),
    })
    .optional()
    .describe('Why it was written off'),
  ageInDays: z.number().int().optional().describe('Whole days open (open deductions)'),
  agingBucket: z.enum(agingBuckets).optional().describe('Aging bucket of an open deduction'),
  version: z.number().int().describe('Changes with every stored change'),
});

export const deductionImportResponseSchema = z.looseObject({
  imported: z.number().int().describe('Deductions created'),
  duplicates: z.number().int().describe('Lines imported before: no second deduction was made'),
  matchedAutomatically: z.number().int().describe('Created deductions settled by a unique match'),
  open: z.number().int().describe('Created deductions left open for a person'),
  rejected: z
    .array(
      z.looseObject({
        lineNumber: z.number().int().describe('Line of the CSV (the header is line 1)'),
        field: z.string().describe('Column at fault; empty for a malformed line'),
        reason: z.string().describe('What is wrong'),
      }),
    )
    .describe('Lines not imported, one entry per reason'),
  duplicateLines: z
    .array(
      z.looseObject({
        lineNumber: z.number().int().describe('Line of the CSV'),
        deductionId: z.string().describe('The deduction it already is'),
      }),
    )
    .describe('Lines that were duplicates'),
  deductions: z.array(deductionResponseSchema).describe('The deductions created, after automatic matching'),
});

export const deductionMatchResponseSchema = z.looseObject({
  deduction: deductionResponseSchema.describe('The deduction, now matched'),
  claims: z.array(claimResponseSchema).describe('The claims as settled (paid, or payable for the rest)'),
});
