import { z } from 'zod';
import { businessCodeSchema, nameSchema } from '../shared/codes';
import { currencyCodeSchema, currencyMinorUnits, Money } from '../shared/money/money';
import { eligibilitySchema } from './eligibility';
import { draftProgramTermsSchema, programTermsSchema } from './program-terms';
import { percentSchema, ratedBasisOf } from './rates';

/** Lifecycle: drafted, activated by an approver, closed. Only active programs accrue. */
export const programStatusSchema = z.enum(['draft', 'active', 'closed']);
export type ProgramStatus = z.infer<typeof programStatusSchema>;

/** How often a program accrues, and for volume programs the period whose volume reaches tiers. */
export const periodGranularitySchema = z.enum(['month', 'quarter', 'year']);
export type PeriodGranularity = z.infer<typeof periodGranularitySchema>;

/**
 * What a program manager writes: a program's terms without the lifecycle fields the system owns. A version in
 * force narrows the terms (see `rebateProgramSchema`); every check below holds for both.
 */
const programFieldsSchema = z.object({
  programId: businessCodeSchema.describe('Program code'),
  name: nameSchema.describe('Program name'),
  currency: currencyCodeSchema.describe(
    'ISO 4217 currency of every amount the program accrues; lines in other currencies do not count',
  ),
  /** The business unit that funds the program: its accruals carry it to the GL as a segment. */
  businessUnit: businessCodeSchema
    .optional()
    .describe('Business unit that funds the program, carried to the GL as a segment'),
  periodGranularity: periodGranularitySchema.describe(
    'Program period: `month`, `quarter` or `year`, aligned to `programYearStartMonth`; tiers are measured per period, period-to-date at each run',
  ),
  programYearStartMonth: z
    .int()
    .min(1)
    .max(12)
    .default(1)
    .describe(
      'First month of the program (fiscal) year, 1–12: with 10, quarters start Oct, Jan, Apr, Jul and `FY2026` runs Oct 2026–Sep 2027',
    ),
  claimsAfterPeriodEnd: z
    .boolean()
    .optional()
    .describe(
      'When true, a claim on a program period is accepted only after the period has ended; absent or false: any time',
    ),
  nearTierPercent: percentSchema
    .optional()
    .describe(
      'Near-tier alerts: a partner short of the next tier by at most this % of its threshold is alerted after each run ("10" = within 10 %); 10 when absent',
    ),
  eligibility: eligibilitySchema.describe('Which sale lines the program rewards'),
  terms: draftProgramTermsSchema.describe('How it calculates, by `kind`'),
});

/** Rules across fields that every program, draft or active, must keep. */
function checkProgramRules(program: z.infer<typeof programFieldsSchema>, ctx: z.RefinementCtx): void {
  const { terms, eligibility } = program;
  if (terms.kind === 'volume' || terms.kind === 'annualVolume' || terms.kind === 'growth') {
    if (terms.rateType === 'percentOfRevenue') {
      terms.tiers.forEach((tier, index) => {
        if (!percentSchema.safeParse(tier.rate).success) {
          ctx.addIssue({
            code: 'custom',
            path: ['terms', 'tiers', index, 'rate'],
            message: 'must be at most 100',
          });
        }
      });
    }
    for (const [holder, tierIndex] of Object.entries(eligibility.prequalifiedTiers)) {
      if (tierIndex >= terms.tiers.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['eligibility', 'prequalifiedTiers', holder],
          message: `must be a tier index below ${terms.tiers.length}`,
        });
      }
    }
  }
  // The increment is a volume difference, so the rate must multiply that same volume.
  if (
    terms.kind === 'growth' &&
    terms.appliesTo === 'incrementalVolume' &&
    ratedBasisOf(terms.rateType) !== terms.basis
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['terms', 'rateType'],
      message: `an incremental-volume growth rebate on ${terms.basis} needs a rate on ${terms.basis}`,
    });
  }
  if (terms.kind === 'promotion') {
    if (terms.window.end < terms.window.start) {
      ctx.addIssue({
        code: 'custom',
        path: ['terms', 'window', 'end'],
        message: 'must not be before start',
      });
    }
    if (terms.rateType === 'percentOfRevenue' && !percentSchema.safeParse(terms.rate).success) {
      ctx.addIssue({ code: 'custom', path: ['terms', 'rate'], message: 'must be at most 100' });
    }
  }
  if (
    terms.kind === 'lumpSum' &&
    new Money(terms.amount).decimalPlaces() > currencyMinorUnits[program.currency]
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['terms', 'amount'],
      message: `must have at most ${currencyMinorUnits[program.currency]} decimals in ${program.currency}`,
    });
  }
  if (terms.kind === 'spif') {
    const seen = new Set<string>();
    terms.products.forEach((product, index) => {
      if (seen.has(product.sku)) {
        ctx.addIssue({
          code: 'custom',
          path: ['terms', 'products', index, 'sku'],
          message: 'listed twice',
        });
      }
      seen.add(product.sku);
    });
  }
}

/**
 * A program definition as drafted or revised through the API (no version or status). A lump sum may leave
 * out `accrueOn`: it then accrues on the day it is activated.
 */
export const programDefinitionSchema = programFieldsSchema.strict().superRefine(checkProgramRules);
export type ProgramDefinition = z.infer<typeof programDefinitionSchema>;
/** A program definition as a client sends it (defaults not yet applied). */
export type ProgramDefinitionInput = z.input<typeof programDefinitionSchema>;

/**
 * One version of a rebate program. A change to an active program is a new `version`; accruals record the
 * version they used so a run can be replayed. Periods align to the program year, which starts on the first
 * day of `programYearStartMonth` (1 = January). A lump sum in force always has its `accrueOn`.
 */
export const rebateProgramSchema = programFieldsSchema
  .extend({ version: z.int().min(1), status: programStatusSchema, terms: programTermsSchema })
  .superRefine(checkProgramRules);

/** A validated program version (defaults applied). */
export type RebateProgram = z.infer<typeof rebateProgramSchema>;
/** A program version as a client sends it (defaults not yet applied). */
export type RebateProgramInput = z.input<typeof rebateProgramSchema>;
