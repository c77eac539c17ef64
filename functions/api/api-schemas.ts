import { z } from 'zod';
import { partnerSkuSchema } from '../../domain/channel-files/partner-sku-use-cases';
import { channelFileKindSchema } from '../../domain/ingestion/channel-file-kind';
import { accountingMonthSchema } from '../../domain/ledger/accounting-period';
import { partnerTypeSchema } from '../../domain/partners/partner';
import { batchStatuses } from '../../domain/payments/payment-batch';
import { programStatusSchema } from '../../domain/programs/program';
import { businessCodeSchema } from '../../domain/shared/codes';
import { isoDateSchema } from '../../domain/shared/iso-date';

/** Paging for every listing: at most 100 a page, 25 unless asked. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Page size, 1–100'),
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .describe('`nextCursor` of the previous page; bound to the caller and this query'),
});

export const partnerListQuerySchema = pageQuerySchema.extend({
  partnerType: partnerTypeSchema.optional().describe('Only partners of this type'),
});
export const productListQuerySchema = pageQuerySchema.extend({
  category: businessCodeSchema.optional().describe('Only products of this category'),
});
export const priceEntryListQuerySchema = pageQuerySchema.extend({
  sku: businessCodeSchema.optional().describe('Only entries of this product'),
});
export const endCustomerListQuerySchema = pageQuerySchema.extend({
  segment: businessCodeSchema.optional().describe('Only end customers now in this segment'),
});
export const priceOnQuerySchema = z.object({
  date: isoDateSchema.describe('Day the prices must be in force (ISO date)'),
});

export const partnerPathSchema = z.object({ partnerId: businessCodeSchema });
export const productPathSchema = z.object({ sku: businessCodeSchema });
export const priceListPathSchema = z.object({ priceListId: businessCodeSchema });
export const priceListSkuPathSchema = priceListPathSchema.extend({ sku: businessCodeSchema });
export const priceEntryPathSchema = priceListSkuPathSchema.extend({ effectiveFrom: isoDateSchema });

/** Bookkeeping fields every stored record returns. */
export const recordMetaSchema = z.object({
  version: z.number().int().positive().describe('Record version, from 1; the ETag to send as If-Match'),
  createdAt: z.iso.datetime().describe('When the record was created (ISO 8601 UTC)'),
  updatedAt: z.iso.datetime().describe('When it last changed (ISO 8601 UTC)'),
});

/** Path schemas that yield the record id, for handlers shared by several catalogs. */
export const skuFromPath = productPathSchema.transform((path) => path.sku);
export const priceListIdFromPath = priceListPathSchema.transform((path) => path.priceListId);
export const endCustomerPathSchema = z.object({ endCustomerId: businessCodeSchema });
export const endCustomerIdFromPath = endCustomerPathSchema.transform((path) => path.endCustomerId);

export const channelFilePathSchema = z.object({
  fileId: z.string().regex(/^[a-z0-9-]{8,64}$/, 'is not a file id'),
});
/** Body of `POST /channel-files/{fileId}/fail`: why staff fail the file (kept on it and in its event). */
export const failChannelFileSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .describe('Why staff fail the file (kept on it and in its event)'),
});
export const partnerScopedPageQuerySchema = pageQuerySchema.extend({
  partnerId: businessCodeSchema
    .optional()
    .describe('Partner whose records to list (staff); a partner user always sees its own'),
});
export const salesInMonthQuerySchema = partnerScopedPageQuerySchema.extend({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
    .describe('Invoice month YYYY-MM'),
});
export const salesOfProductQuerySchema = partnerScopedPageQuerySchema.extend({
  from: isoDateSchema.describe('First invoice day (ISO date, inclusive)'),
  to: isoDateSchema.describe('Last invoice day (ISO date, inclusive)'),
});
export const rejectionsQuerySchema = pageQuerySchema.extend({
  format: z
    .enum(['json', 'csv'])
    .default('json')
    .describe('`json` pages, or `csv` for the whole report as a download'),
});
export const mappingProfilePathSchema = partnerPathSchema.extend({ kind: channelFileKindSchema });
export const partnerSkuPathSchema = partnerPathSchema.extend({ partnerSku: partnerSkuSchema });
export const inventoryPositionQuerySchema = z.object({
  partnerId: businessCodeSchema.optional().describe('Partner (staff); a partner user always gets its own'),
  from: isoDateSchema.describe('First day (ISO date, inclusive)'),
  to: isoDateSchema.describe('Last day (ISO date, inclusive)'),
});

export const programPathSchema = z.object({ programId: businessCodeSchema });
export const programVersionPathSchema = programPathSchema.extend({
  programVersion: z.coerce.number().int().min(1),
});
export const programListQuerySchema = pageQuerySchema.extend({
  status: programStatusSchema.optional().describe('Only programs in this status: draft, active or closed'),
});
export const closeProgramSchema = z.object({
  reason: z.string().trim().min(1, 'must not be empty').max(1000).describe('Why it is closed (audit)'),
});

const runIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be an accrual run id');
export const runPathSchema = z.object({ runId: runIdSchema });
export const runProgramPathSchema = runPathSchema.extend({ programId: businessCodeSchema });
export const runEntriesQuerySchema = z.object({
  partnerId: businessCodeSchema.optional().describe('Only entries of this partner (a partner user: its own)'),
});

export const checkbookQuerySchema = z.object({
  programId: businessCodeSchema.optional().describe('Only this program'),
});
export const journalFormatQuerySchema = z.object({
  format: z
    .enum(['csv', 'json'])
    .default('csv')
    .describe('`csv` (default, one journal line a row) or `json`'),
});
export const glJournalQuerySchema = journalFormatQuerySchema.extend({
  from: isoDateSchema.describe('First accounting date (ISO date, inclusive)'),
  to: isoDateSchema.describe('Last accounting date (ISO date, inclusive)'),
  programId: businessCodeSchema.optional().describe('Only this program'),
  partnerId: businessCodeSchema.optional().describe('Only this beneficiary partner'),
});

export const accountingMonthPathSchema = z.object({ month: accountingMonthSchema });

export const adjustmentPathSchema = z.object({
  adjustmentId: z.string().regex(/^ADJ-[a-f0-9]{12}$/, 'must be an adjustment id'),
});
export const adjustmentListQuerySchema = pageQuerySchema.extend({
  status: z
    .enum(['requested', 'approved', 'rejected'])
    .optional()
    .describe('Only adjustments in this status'),
});
export const adjustmentDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve').describe('Approve: the adjustment posts into the ledger') }),
  z.object({
    decision: z.literal('reject').describe('Reject: nothing posts'),
    reason: z.string().trim().min(1, 'must not be empty').max(1000).describe('Why it is rejected'),
  }),
]);

export const partnerProgressQuerySchema = z.object({
  asOf: isoDateSchema
    .optional()
    .describe('Day to measure to (ISO date), period-to-date; today (UTC) unless given'),
});
const decimalTextSchema = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,6})?$/, 'must be a positive decimal (9.6 digits at most)');
export const whatIfSchema = z
  .object({
    asOf: isoDateSchema
      .optional()
      .describe('Day of the imagined sale and of the measure (ISO date); today unless given'),
    sku: businessCodeSchema
      .optional()
      .describe('Product sold (must exist: else 422); its category is read from the product record'),
    category: businessCodeSchema
      .optional()
      .describe(
        'A category instead of a product (must be a known category: else 422); leave it out with `sku` (a different one is 422)',
      ),
    quantity: decimalTextSchema.describe('Units sold, in the product’s base unit (decimal string)'),
    unitPrice: decimalTextSchema.describe(
      'Price per base unit in the program currency (decimal string); revenue = quantity × unitPrice',
    ),
  })
  .strict()
  .refine((sale) => sale.sku !== undefined || sale.category !== undefined, {
    path: ['sku'],
    message: 'name a product (sku) or a category',
  });

export const approvalTaskPathSchema = z.object({
  taskId: z.string().min(1).max(200).describe('Approval task id, as the inbox lists it'),
});
export const returnedClaimPathSchema = z.object({
  claimId: z.string().min(1).max(200).describe('Claim id'),
});
export const claimAnswerSchema = z.object({
  answer: z.string().trim().min(1).max(4000).describe("The partner's answer to the approver's question"),
});
export const paymentBatchPathSchema = z.object({
  batchId: z.string().regex(/^PB-[a-f0-9]{12}$/, 'must be a payment batch id'),
});
export const paymentBatchPartnerPathSchema = paymentBatchPathSchema.extend({ partnerId: businessCodeSchema });
export const paymentBatchListQuerySchema = pageQuerySchema.extend({
  status: z
    .enum(batchStatuses)
    .optional()
    .describe('Only batches in this status (staff); a partner lists its own payments'),
});
export const remittanceQuerySchema = z.object({
  partnerId: businessCodeSchema.describe('The partner whose remittance advice to read'),
});
export const returnedPaymentSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(500)
    .describe('Why the bank returned it, e.g. AC04 closed account'),
});
