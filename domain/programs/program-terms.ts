import { z } from 'zod';
import { businessCodeSchema } from '../shared/codes';
import { isoDateSchema } from '../shared/iso-date';
import { Money } from '../shared/money/money';
import { percentSchema, rateTextSchema, rateTypeSchema, thresholdSchema, volumeBasisSchema } from './rates';
import { tierTableSchema } from './tiers';

/**
 * `retrospective`: the tier reached applies its rate to all volume of the period. `stepped`: each band's
 * rate applies only to the volume inside that band.
 */
export const tierMethodSchema = z.enum(['retrospective', 'stepped']);
export type TierMethod = z.infer<typeof tierMethodSchema>;

/** Whose volume reaches tiers: the selling partner's, or each end customer's (per partner) separately. */
export const tierScopeSchema = z.enum(['partner', 'customer']);
export type TierScope = z.infer<typeof tierScopeSchema>;

/** How tiers rate, shared by every tiered kind. */
const ratedTiers = {
  rateType: rateTypeSchema.describe(
    '`percentOfRevenue`: tier rates are percentages of revenue ("10" = 10 %); `amountPerUnit`: amounts in the program currency per base unit',
  ),
  tierScope: tierScopeSchema
    .default('partner')
    .describe(
      'Whose volume reaches tiers: `partner` (the selling partner’s) or `customer` (each end customer’s, per partner)',
    ),
  tiers: tierTableSchema.describe(
    'Tier table, thresholds strictly ascending (1–20 tiers); volume below the first `from` earns nothing',
  ),
};

const tieredFields = {
  basis: volumeBasisSchema.describe(
    'Volume that reaches tiers: `quantity` (base units; tiers count units) or `revenue` (extended amount in the program currency; continuous)',
  ),
  method: tierMethodSchema.describe(
    '`retrospective`: the tier reached rates all period-to-date volume; `stepped`: each band of volume earns its own tier’s rate',
  ),
  ...ratedTiers,
};

/**
 * Quantity tiers count units: `from: "10"` is "units 10 and up", the ordinal of the first unit at that rate
 * (README, "Tier semantics"), so it must be a whole number.
 */
function unitOrdinalsAreWhole(
  terms: { readonly basis: string; readonly tiers: readonly { readonly from: string }[] },
  ctx: z.RefinementCtx,
) {
  if (terms.basis !== 'quantity') return;
  terms.tiers.forEach((tier, index) => {
    // An unparseable threshold already carries its own issue.
    if (thresholdSchema.safeParse(tier.from).success && !new Money(tier.from).isInteger()) {
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', index, 'from'],
        message: 'quantity tiers count units: must be a whole number of units ("10" means units 10 and up)',
      });
    }
  });
}

/**
 * Volume rebate. `tierEvaluation: "period"` measures the period's volume; `"line"` rates every line on its
 * own quantity or amount (order-size tiers).
 */
export const volumeTermsSchema = z
  .object({
    kind: z
      .literal('volume')
      .describe('Volume rebate: tiers on the volume of each program period (month, quarter or year)'),
    ...tieredFields,
    tierEvaluation: z
      .enum(['period', 'line'])
      .default('period')
      .describe(
        '`period`: tiers on the period-to-date volume; `line`: each line rated on its own size (order-size tiers)',
      ),
  })
  .superRefine(unitOrdinalsAreWhole);

/**
 * Annual volume rebate: volume accumulates over the program year and the year-to-date accrual is recomputed
 * at every run; the posting of each run is the delta to what was already posted (a true-up when a tier is
 * crossed).
 */
export const annualVolumeTermsSchema = z
  .object({
    kind: z
      .literal('annualVolume')
      .describe('Annual volume rebate: tiers on the program-year-to-date volume, trued up at every run'),
    ...tieredFields,
  })
  .superRefine(unitOrdinalsAreWhole);

/**
 * Growth rebate: tiers on growth versus the same window of the prior year, as an absolute volume difference
 * or a percentage. The reached tier's rate applies to the whole period volume or only to the increment.
 */
export const growthTermsSchema = z.object({
  kind: z
    .literal('growth')
    .describe('Growth rebate: tiers on growth against the same window of the prior year'),
  basis: volumeBasisSchema.describe(
    'Volume whose growth is measured: `quantity` (base units) or `revenue` (in the program currency)',
  ),
  growthMeasure: z
    .enum(['absolute', 'percent'])
    .describe(
      '`absolute`: growth as a volume difference; `percent`: growth in % of the prior year ("10" = 10 %)',
    ),
  appliesTo: z
    .enum(['periodVolume', 'incrementalVolume'])
    .describe(
      'The reached tier’s rate applies to the whole period volume or only to the increment over the prior year',
    ),
  ...ratedTiers,
});

/** Promotion: a flat rate on eligible lines dated inside a (usually short) window. */
export const promotionTermsSchema = z.object({
  kind: z.literal('promotion').describe('Promotion: a flat rate on eligible lines dated inside `window`'),
  rateType: rateTypeSchema.describe(
    '`percentOfRevenue`: tier rates are percentages of revenue ("10" = 10 %); `amountPerUnit`: amounts in the program currency per base unit',
  ),
  rate: rateTextSchema.describe(
    'The rate: a percentage for `percentOfRevenue` ("10" = 10 %), an amount per base unit for `amountPerUnit`',
  ),
  window: z
    .object({
      start: isoDateSchema.describe('First day (ISO date)'),
      end: isoDateSchema.describe('Last day (ISO date)'),
    })
    .describe('Promotion dates, both inclusive (ISO dates)'),
});

/** Co-op: a percentage of eligible sales accrued into the partner's co-op (marketing) fund. */
export const coopTermsSchema = z.object({
  kind: z
    .literal('coop')
    .describe('Co-op: a percentage of eligible sales accrued into the partner’s co-op fund'),
  percent: percentSchema.describe('Percentage of eligible revenue ("3" = 3 %)'),
});

const lumpSumFields = {
  kind: z.literal('lumpSum').describe('Lump sum: a fixed amount accrued once, for one partner'),
  amount: thresholdSchema.describe('The amount, decimal string in the program currency'),
  partnerId: businessCodeSchema.describe('The partner it is accrued for'),
};

/** Lump sum in force: a fixed amount accrued once, in the period that contains `accrueOn`, for one partner. */
export const lumpSumTermsSchema = z.object({
  ...lumpSumFields,
  accrueOn: isoDateSchema.describe('The day it accrues: it is posted in the program period containing it'),
});

/**
 * Lump sum as drafted: without `accrueOn` it accrues once at activation, and activation writes that date into
 * the version put in force, so the version record says when it accrues and a replay reads the same date.
 */
export const draftLumpSumTermsSchema = z.object({
  ...lumpSumFields,
  accrueOn: isoDateSchema.optional().describe('The day it accrues; left out, the UTC day of activation'),
});

/** SPIF: an amount per base unit sold of each listed product, accrued per salesperson of the partner. */
export const spifTermsSchema = z.object({
  kind: z
    .literal('spif')
    .describe('SPIF: an amount per base unit sold of each listed product, accrued per salesperson'),
  products: z
    .array(
      z.object({
        sku: businessCodeSchema.describe('Our product code'),
        amountPerUnit: rateTextSchema.describe(
          'Amount per base unit sold, decimal string in the program currency',
        ),
      }),
    )
    .min(1, 'list at least one product')
    .describe('Products rewarded and their amounts'),
});

/** The kinds whose terms read the same drafted and in force. */
const settledTermsSchemas = [
  volumeTermsSchema,
  annualVolumeTermsSchema,
  growthTermsSchema,
  promotionTermsSchema,
  coopTermsSchema,
  spifTermsSchema,
] as const;

/** The calculation terms of a program version in force, by kind. */
export const programTermsSchema = z.discriminatedUnion('kind', [...settledTermsSchemas, lumpSumTermsSchema]);
/** The calculation terms of a program as drafted: a lump sum may leave its date to the activation. */
export const draftProgramTermsSchema = z.discriminatedUnion('kind', [
  ...settledTermsSchemas,
  draftLumpSumTermsSchema,
]);
export type ProgramTerms = z.infer<typeof programTermsSchema>;
export type ProgramKind = ProgramTerms['kind'];
export type DraftProgramTerms = z.infer<typeof draftProgramTermsSchema>;
export type VolumeTerms = z.infer<typeof volumeTermsSchema>;
export type AnnualVolumeTerms = z.infer<typeof annualVolumeTermsSchema>;
export type GrowthTerms = z.infer<typeof growthTermsSchema>;
export type PromotionTerms = z.infer<typeof promotionTermsSchema>;
export type CoopTerms = z.infer<typeof coopTermsSchema>;
export type LumpSumTerms = z.infer<typeof lumpSumTermsSchema>;
export type DraftLumpSumTerms = z.infer<typeof draftLumpSumTermsSchema>;
export type SpifTerms = z.infer<typeof spifTermsSchema>;

/** Drafted terms as put in force on `activatedOn` (YYYY-MM-DD): a lump sum without a date accrues that day. */
export function termsInForce(terms: DraftProgramTerms, activatedOn: string): ProgramTerms {
  if (terms.kind !== 'lumpSum') return terms;
  return { ...terms, accrueOn: terms.accrueOn ?? activatedOn };
}
