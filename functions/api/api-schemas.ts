import { z } from 'zod';
import { partnerSkuSchema } from '../../domain/channel-files/partner-sku-use-cases';
import { accountingMonthSchema } from '../../domain/ledger/accounting-period';
import { partnerTypeSchema } from '../../domain/partners/partner';
import { programStatusSchema } from '../../domain/programs/program';
import { businessCodeSchema } from '../../domain/shared/codes';
import { isoDateSchema } from '../../domain/shared/iso-date';

/** Paging for every listing: at most 100 a page, 25 unless asked. */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).max(2048).optional(),
});

export const partnerListQuerySchema = pageQuerySchema.extend({ partnerType: partnerTypeSchema.optional() });
export const productListQuerySchema = pageQuerySchema.extend({ category: businessCodeSchema.optional() });
export const priceEntryListQuerySchema = pageQuerySchema.extend({ sku: businessCodeSchema.optional() });
export const priceOnQuerySchema = z.object({ date: isoDateSchema });

export const partnerPathSchema = z.object({ partnerId: businessCodeSchema });
export const productPathSchema = z.object({ sku: businessCodeSchema });
export const priceListPathSchema = z.object({ priceListId: businessCodeSchema });
export const priceListSkuPathSchema = priceListPathSchema.extend({ sku: businessCodeSchema });
export const priceEntryPathSchema = priceListSkuPathSchema.extend({ effectiveFrom: isoDateSchema });

/** Bookkeeping fields every stored record returns. */
export const recordMetaSchema = z.object({
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** Path schemas that yield the record id, for handlers shared by several catalogs. */
export const skuFromPath = productPathSchema.transform((path) => path.sku);
export const priceListIdFromPath = priceListPathSchema.transform((path) => path.priceListId);

export const channelFilePathSchema = z.object({
  fileId: z.string().regex(/^[a-z0-9-]{8,64}$/, 'is not a file id'),
});
/** Body of `POST /channel-files/{fileId}/fail`: why staff fail the file (kept on it and in its event). */
export const failChannelFileSchema = z.object({ reason: z.string().trim().min(1).max(1000) });
export const partnerScopedPageQuerySchema = pageQuerySchema.extend({
  partnerId: businessCodeSchema.optional(),
});
export const salesInMonthQuerySchema = partnerScopedPageQuerySchema.extend({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'),
});
export const salesOfProductQuerySchema = partnerScopedPageQuerySchema.extend({
  from: isoDateSchema,
  to: isoDateSchema,
});
export const rejectionsQuerySchema = pageQuerySchema.extend({
  format: z.enum(['json', 'csv']).default('json'),
});
export const mappingProfilePathSchema = partnerPathSchema.extend({ kind: z.enum(['pos', 'inventory']) });
export const partnerSkuPathSchema = partnerPathSchema.extend({ partnerSku: partnerSkuSchema });
export const inventoryPositionQuerySchema = z.object({
  partnerId: businessCodeSchema.optional(),
  from: isoDateSchema,
  to: isoDateSchema,
});

export const programPathSchema = z.object({ programId: businessCodeSchema });
export const programVersionPathSchema = programPathSchema.extend({
  programVersion: z.coerce.number().int().min(1),
});
export const programListQuerySchema = pageQuerySchema.extend({ status: programStatusSchema.optional() });
export const closeProgramSchema = z.object({
  reason: z.string().trim().min(1, 'must not be empty').max(1000),
});

const runIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be an accrual run id');
export const runPathSchema = z.object({ runId: runIdSchema });
export const runProgramPathSchema = runPathSchema.extend({ programId: businessCodeSchema });
export const runEntriesQuerySchema = z.object({ partnerId: businessCodeSchema.optional() });

export const checkbookQuerySchema = z.object({ programId: businessCodeSchema.optional() });
export const journalFormatQuerySchema = z.object({ format: z.enum(['csv', 'json']).default('csv') });
export const glJournalQuerySchema = journalFormatQuerySchema.extend({
  from: isoDateSchema,
  to: isoDateSchema,
  programId: businessCodeSchema.optional(),
  partnerId: businessCodeSchema.optional(),
});

export const accountingMonthPathSchema = z.object({ month: accountingMonthSchema });

export const adjustmentPathSchema = z.object({
  adjustmentId: z.string().regex(/^ADJ-[a-f0-9]{12}$/, 'must be an adjustment id'),
});
export const adjustmentListQuerySchema = pageQuerySchema.extend({
  status: z.enum(['requested', 'approved', 'rejected']).optional(),
});
export const adjustmentDecisionSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({
    decision: z.literal('reject'),
    reason: z.string().trim().min(1, 'must not be empty').max(1000),
  }),
]);

export const partnerProgressQuerySchema = z.object({ asOf: isoDateSchema.optional() });
const decimalTextSchema = z
  .string()
  .regex(/^\d{1,9}(\.\d{1,6})?$/, 'must be a positive decimal (9.6 digits at most)');
export const whatIfSchema = z
  .object({
    asOf: isoDateSchema.optional(),
    sku: businessCodeSchema.optional(),
    category: businessCodeSchema.optional(),
    quantity: decimalTextSchema,
    unitPrice: decimalTextSchema,
  })
  .strict()
  .refine((sale) => sale.sku !== undefined || sale.category !== undefined, {
    path: ['sku'],
    message: 'name a product (sku) or a category',
  });
