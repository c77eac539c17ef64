import { z } from 'zod';
import { accountingMonthSchema } from '../../domain/ledger/accounting-period';
import { performanceDimensions } from '../../domain/reports/performance';
import { topPartnerMeasures } from '../../domain/reports/top-partners';
import { businessCodeSchema } from '../../domain/shared/codes';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import { amount, currency, periodLabel } from './record-response-schemas';

/** Every report answers JSON unless asked for CSV (one row per line of the report's main table). */
const formatQuery = {
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .describe('`json` (default) or `csv`: the report’s rows as a CSV download, for BI tools'),
};
const currencyQuery = currencyCodeSchema.optional().describe('Only amounts in this currency');
const partnerQuery = businessCodeSchema
  .optional()
  .describe('Only this partner (staff); a partner user always gets its own, another partner’s is 404');
const windowQuery = {
  from: accountingMonthSchema.describe('First invoice month, YYYY-MM'),
  to: accountingMonthSchema.describe('Last invoice month, YYYY-MM (at most 24 months from `from`)'),
};

export const liabilitiesQuerySchema = z.object({
  ...formatQuery,
  programId: businessCodeSchema.optional().describe('Only this program'),
  partnerId: partnerQuery,
  period: z.string().min(1).max(20).optional().describe('Only this program period label, e.g. `FY2026-Q1`'),
  currency: currencyQuery,
});

export const topPartnersQuerySchema = z.object({
  ...formatQuery,
  by: z
    .enum(topPartnerMeasures)
    .default('earned')
    .describe(
      '`earned` (default: accruals and true-ups, per program and period) or `revenue` (sales in the months `from`–`to`)',
    ),
  programId: businessCodeSchema.optional().describe('Only this program (by earned)'),
  period: z.string().min(1).max(20).optional().describe('Only this program period label (by earned)'),
  from: accountingMonthSchema.optional().describe('First invoice month, YYYY-MM (by revenue, required)'),
  to: accountingMonthSchema.optional().describe('Last invoice month, YYYY-MM (by revenue, required)'),
  currency: currencyQuery,
  limit: z.coerce.number().int().min(1).max(100).default(10).describe('Partners per currency, 1–100'),
});

export const claimsAgeingQuerySchema = z.object({
  ...formatQuery,
  partnerId: partnerQuery,
  currency: currencyQuery,
});

export const scorecardQuerySchema = z.object({ ...formatQuery, ...windowQuery });

export const performanceQuerySchema = z.object({
  ...formatQuery,
  ...windowQuery,
  by: z
    .enum(performanceDimensions)
    .describe('Group sales by `partnerType`, `region`, `country`, `segment` or `category`'),
  currency: currencyQuery,
});

const programId = z.string().describe('Program code');

const figures = {
  earned: amount('Σ accruals and true-ups'),
  adjustments: amount('Σ approved manual adjustments'),
  claimed: amount('Σ approved claims'),
  paid: amount('Σ payments'),
  payable: amount('claimed − paid: claimed, not yet paid'),
  balance: amount('earned + adjustments − paid: the open liability (availableToClaim + payable)'),
  availableToClaim: amount('earned + adjustments − claimed: accrued, not yet claimed'),
};

export const liabilitiesResponseSchema = z.object({
  rows: z
    .array(
      z.object({
        programId: programId,
        partnerId: z.string().describe('Beneficiary partner'),
        period: periodLabel,
        currency,
        ...figures,
      }),
    )
    .describe('Per program, beneficiary, program period and currency (every fund together)'),
  byProgram: z.array(z.object({ programId, currency, ...figures })).describe('Per program'),
  totals: z.array(z.object({ currency, ...figures })).describe('Per currency'),
});

export const topPartnersResponseSchema = z.object({
  items: z
    .array(
      z.object({
        currency,
        rank: z.number().int().describe('1 = earned (or sold) most in the currency'),
        partnerId: z.string().describe('Beneficiary partner, or the partner that sold'),
        earned: amount('Σ accruals and true-ups (by earned)').optional(),
        revenue: amount('Σ extended amount of its sales in the months (by revenue)').optional(),
      }),
    )
    .describe('Per currency, largest first'),
});

const ageingCells = {
  currency,
  bucket: z.enum(['0-30', '31-60', '61-90', '>90']).describe('Days since submission'),
  claims: z.number().int().describe('Open claims in the cell'),
  amount: amount('Σ approved amount once decided, else amount claimed'),
};
export const claimsAgeingResponseSchema = z.object({
  asOf: z.string().describe('Day the ages are counted to (ISO date, UTC)'),
  rows: z
    .array(z.object({ status: z.string().describe('Claim status (open ones only)'), ...ageingCells }))
    .describe('Per status, currency and age bucket'),
  totals: z.array(z.object(ageingCells)).describe('Per currency and age bucket, every status together'),
});

const ratio = (meaning: string) =>
  z
    .string()
    .nullable()
    .describe(`${meaning}, decimal string with 4 decimals (0.9750 = 97.5 %); null without a basis`);
export const scorecardResponseSchema = z.object({
  partnerId: z.string().describe('Partner scored'),
  from: z.string().describe('First invoice month of the window, YYYY-MM'),
  to: z.string().describe('Last invoice month of the window, YYYY-MM'),
  sales: z
    .array(
      z.object({
        currency,
        revenue: amount('Σ extended amount in the window'),
        priorRevenue: amount('Σ extended amount in the same months a year earlier'),
        growth: ratio('(revenue − priorRevenue) / priorRevenue'),
        quantity: z.string().describe('Σ quantity in base units in the window'),
        priorQuantity: z.string().describe('Σ quantity in base units a year earlier'),
      }),
    )
    .describe('Per currency, from the monthly sales summaries accrual runs leave'),
  claimAccuracy: z
    .array(
      z.object({
        currency,
        decidedClaims: z.number().int().describe('Claims submitted in the window and decided since'),
        claimed: amount('Σ amount claimed of claims decided'),
        approved: amount('Σ amount approved of them'),
        accuracy: ratio('approved / claimed'),
      }),
    )
    .describe('Per currency'),
  fileRejection: z
    .object({
      files: z.number().int().describe('Files completed in the window'),
      lines: z.number().int().describe('Lines they held'),
      rejectedLines: z.number().int().describe('Lines rejected'),
      rate: ratio('rejected lines / lines'),
    })
    .describe('The files the partner sent'),
  inventoryVariance: z
    .object({
      skusReported: z.number().int().describe("SKUs with a snapshot in the window's last month"),
      skusCompared: z
        .number()
        .int()
        .describe('Of those, SKUs with an opening snapshot in the month before the window'),
      skusOffTolerance: z.number().int().describe('SKUs compared whose variance exceeds the tolerance'),
      tolerance: z.string().describe("Share of a SKU's computed on-hand its variance may reach (0.05 = 5 %)"),
      computedUnits: z.string().describe('Σ computed on-hand of the SKUs compared, base units'),
      reportedUnits: z.string().describe('Σ reported on-hand of the SKUs compared, base units'),
      absoluteVarianceUnits: z.string().describe('Σ |reported − computed|, base units'),
      varianceRate: ratio('absoluteVarianceUnits / Σ |computed|'),
      skus: z
        .array(
          z.object({
            sku: z.string().describe('Product'),
            openingDate: z.string().describe('Latest snapshot in the month before the window'),
            openingOnHand: z.string().describe('On-hand then, Σ warehouses'),
            sellIn: z.string().describe('Receipts reported after the opening, up to the closing snapshot'),
            sellThrough: z.string().describe("Units sold in the window's months (returns netted)"),
            computedOnHand: z.string().describe('opening + sell-in − sell-through'),
            reportedDate: z.string().describe("Latest snapshot in the window's last month"),
            reportedOnHand: z.string().describe('On-hand then, Σ warehouses'),
            variance: z.string().describe('reported − computed'),
            offTolerance: z.boolean().describe('|variance| > tolerance × |computed|'),
          }),
        )
        .describe('The SKUs compared, by SKU'),
    })
    .describe(
      "Reported inventory (852 snapshots) against the computed position at the window's end; exact for month-end snapshots",
    ),
});

export const performanceResponseSchema = z.object({
  items: z
    .array(
      z.object({
        group: z
          .string()
          .describe(
            'Value of the dimension; `unknown` for a partner no longer in master data, `unassigned` for one without a segment',
          ),
        currency,
        quantity: z.string().describe('Σ quantity in base units'),
        revenue: amount('Σ extended amount'),
        lines: z.number().int().describe('Sale lines summed'),
        partners: z.number().int().describe('Partners with sales in the group'),
      }),
    )
    .describe('Per group and currency'),
});
