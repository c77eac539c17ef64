import { z } from 'zod';
import { businessCodeSchema } from '../shared/codes';
import { isoDateSchema } from '../shared/iso-date';
import { Money } from '../shared/money';
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

const tieredFields = {
  basis: volumeBasisSchema,
  method: tierMethodSchema,
  rateType: rateTypeSchema,
  tierScope: tierScopeSchema.default('partner'),
  tiers: tierTableSchema,
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
    kind: z.literal('volume'),
    ...tieredFields,
    tierEvaluation: z.enum(['period', 'line']).default('period'),
  })
  .superRefine(unitOrdinalsAreWhole);

/**
 * Annual volume rebate: volume accumulates over the program year and the year-to-date accrual is recomputed
 * at every run; the posting of each run is the delta to what was already posted (a true-up when a tier is
 * crossed).
 */
export const annualVolumeTermsSchema = z
  .object({ kind: z.literal('annualVolume'), ...tieredFields })
  .superRefine(unitOrdinalsAreWhole);

/**
 * Growth rebate: tiers on growth versus the same window of the prior year, as an absolute volume difference
 * or a percentage. The reached tier's rate applies to the whole period volume or only to the increment.
 */
export const growthTermsSchema = z.object({
  kind: z.literal('growth'),
  basis: volumeBasisSchema,
  growthMeasure: z.enum(['absolute', 'percent']),
  appliesTo: z.enum(['periodVolume', 'incrementalVolume']),
  rateType: rateTypeSchema,
  tierScope: tierScopeSchema.default('partner'),
  tiers: tierTableSchema,
});

/** Promotion: a flat rate on eligible lines dated inside a (usually short) window. */
export const promotionTermsSchema = z.object({
  kind: z.literal('promotion'),
  rateType: rateTypeSchema,
  rate: rateTextSchema,
  window: z.object({ start: isoDateSchema, end: isoDateSchema }),
});

/** Co-op: a percentage of eligible sales accrued into the partner's co-op (marketing) fund. */
export const coopTermsSchema = z.object({ kind: z.literal('coop'), percent: percentSchema });

const lumpSumFields = {
  kind: z.literal('lumpSum'),
  amount: thresholdSchema,
  partnerId: businessCodeSchema,
};

/** Lump sum in force: a fixed amount accrued once, in the period that contains `accrueOn`, for one partner. */
export const lumpSumTermsSchema = z.object({ ...lumpSumFields, accrueOn: isoDateSchema });

/**
 * Lump sum as drafted: without `accrueOn` it accrues once at activation, and activation writes that date into
 * the version put in force, so the version record says when it accrues and a replay reads the same date.
 */
export const draftLumpSumTermsSchema = z.object({ ...lumpSumFields, accrueOn: isoDateSchema.optional() });

/** SPIF: an amount per base unit sold of each listed product, accrued per salesperson of the partner. */
export const spifTermsSchema = z.object({
  kind: z.literal('spif'),
  products: z
    .array(z.object({ sku: businessCodeSchema, amountPerUnit: rateTextSchema }))
    .min(1, 'list at least one product'),
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
