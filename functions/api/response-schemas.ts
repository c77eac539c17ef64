import { z } from 'zod';
import { channelFileStatuses } from '../../domain/channel-files/channel-file';
import { channelFileKindSchema } from '../../domain/ingestion/channel-file-kind';

/**
 * Response bodies of the routes whose answers are not a stored record's own schema, for the OpenAPI document
 * and the contract test. Objects are loose: a field added later does not break a client that reads these.
 */

const amountsByCurrency = z
  .record(z.string(), z.string())
  .describe('Decimal strings by ISO 4217 currency, e.g. {"USD": "1280.00"}');

const counts = z
  .looseObject({
    lines: z.number().int().describe('Data lines read'),
    accepted: z.number().int().describe('New lines stored'),
    restated: z
      .number()
      .int()
      .describe("Lines that replaced an earlier file's version of the same invoice line"),
    unchanged: z.number().int().describe('Lines identical to a version already stored'),
    rejected: z.number().int().describe('Lines rejected with reasons (GET …/rejections)'),
  })
  .describe('Line counts so far');

export const channelFileResponseSchema = z
  .looseObject({
    fileId: z.string().describe('File id'),
    partnerId: z.string().describe('Partner whose file it is'),
    kind: channelFileKindSchema.describe(
      '`pos` (sell-through), `inventory` (stock on hand) or `shipAndDebitClaim` (one ship & debit claim)',
    ),
    fileName: z.string().describe('Name given at upload'),
    status: z
      .enum(channelFileStatuses)
      .describe(
        '`awaiting_upload`: URL issued, no bytes yet; `received`: in S3, queued; `processing`: being ingested; ' +
          '`completed`: every line stored; `completed_with_rejections`: stored, some lines rejected (see ' +
          '`counts.rejected` and …/rejections); `duplicate`: the same bytes were already ingested for this ' +
          'partner, nothing added; `failed`: the file as a whole was refused (`failureReason`).',
      ),
    counts,
    failureReason: z.string().optional().describe('Why the file failed, for `failed`'),
    claim: z
      .object({
        claimNumber: z.string().describe('The partner’s claim number given at upload'),
        currency: z.string().describe('Currency given at upload'),
        submitterRole: z.enum(['partner', 'channel_manager']).describe('Role the claim is submitted as'),
        claimId: z
          .string()
          .optional()
          .describe(
            'The ship & debit claim the file became (`GET /ship-and-debit-claims/{id}`: each line’s outcome)',
          ),
        amountClaimed: z.string().optional().describe('Σ the lines’ claimed amounts'),
        amountApproved: z.string().optional().describe('Σ the approved amounts'),
      })
      .optional()
      .describe(
        '`shipAndDebitClaim` files: the claim asked for and, once processed, the claim it became ' +
          '(counts: `accepted` = lines approved in full or cut, `rejected` = the others)',
      ),
  })
  .describe('A partner file and where it is in ingestion');

export const uploadTicketSchema = z.looseObject({
  file: channelFileResponseSchema,
  uploadUrl: z.string().describe('Presigned S3 PUT URL, valid 15 minutes, for exactly this type and size'),
  expiresAt: z.string().describe('When the URL expires (ISO 8601 UTC)'),
  requiredHeaders: z.record(z.string(), z.string()).describe('Headers the PUT must send, e.g. content-type'),
});

const programRunResult = z.looseObject({
  programId: z.string().describe('Program code'),
  programVersion: z.number().int().describe('Program version computed'),
  entries: z.number().int().describe('Accrual entries computed (period to date)'),
  postings: z.number().int().describe('Ledger postings this run wrote (0 when nothing changed)'),
  posted: amountsByCurrency.describe('What this run posted: the change of earned, per currency'),
  earned: amountsByCurrency.describe('Earned period-to-date as recomputed by this run, per currency'),
});

export const accrualRunResponseSchema = z
  .looseObject({
    runId: z.string().describe('Run id (`month-end-YYYY-MM` for the schedule)'),
    trigger: z.enum(['schedule', 'api']).describe('`schedule`: month-end; `api`: started on demand'),
    period: z
      .looseObject({
        start: z.string().describe('First day (ISO date)'),
        end: z.string().describe('Last day measured (ISO date)'),
      })
      .describe(
        'The run period. Runs are period-to-date: each program period (month, quarter or program year, aligned ' +
          'to the program’s `programYearStartMonth`) that contains `end` is measured from its own start to `end`, ' +
          'and the ledger receives the difference to what is already posted.',
      ),
    accountingDate: z.string().describe('The date postings carry in the GL'),
    status: z
      .enum(['requested', 'running', 'completed', 'failed'])
      .describe(
        '`requested` when answered 202; poll GET /accrual-runs/{runId} until `completed` or `failed`',
      ),
    results: z.array(programRunResult).describe('One per program, once the run has computed it'),
  })
  .describe('An accrual run');

const tierRef = z
  .looseObject({
    index: z.number().int().describe('Position in the tier table, from 0'),
    from: z
      .string()
      .describe('The tier threshold as written (see the program terms: units count, revenue is continuous)'),
    rate: z.string().describe('The tier rate as written ("10" = 10 % for percentOfRevenue)'),
  })
  .nullable();

const tierProgress = z.looseObject({
  pool: z.string().describe('Whose volume reaches tiers, e.g. `partner P1` or `partner P1 customer C7`'),
  basis: z
    .enum(['quantity', 'revenue'])
    .describe('`quantity`: tiers count base units; `revenue`: continuous, in the program currency'),
  volume: z.string().describe('Period-to-date volume: base units, or revenue in the program currency'),
  tierReached: tierRef.describe(
    'The tier reached: volume ≥ its `from` ("reached at 10 units"); null below the first',
  ),
  nextTier: tierRef.describe('The next tier; null at the top'),
  gap: z
    .string()
    .nullable()
    .describe('Still missing to reach the next tier: units, revenue, or growth figure; null at the top'),
});

const programProgress = z.looseObject({
  programId: z.string().describe('Program code'),
  name: z.string().describe('Program name'),
  currency: z.string().describe('ISO 4217 currency of the program'),
  earned: z.string().describe('Earned period-to-date by the partner, decimal string in `currency`'),
  tiers: z.array(tierProgress).describe('One per tier pool of the partner (tiered programs)'),
});

export const programProgressResponseSchema = z.looseObject({
  asOf: z.string().describe('The day measured to (period-to-date)'),
  items: z.array(programProgress).describe('One per program in force the partner takes part in'),
});

export const whatIfResponseSchema = z.looseObject({
  asOf: z.string().describe('The day measured to and of the imagined sale (ISO date)'),
  items: z
    .array(
      z.looseObject({
        programId: z.string().describe('Program code'),
        currency: z.string().describe('ISO 4217 currency of the amounts'),
        earnedNow: z.string().describe('Earned period-to-date without the sale, in `currency`'),
        earnedWithSale: z.string().describe('Earned period-to-date with the sale'),
        difference: z.string().describe('earnedWithSale − earnedNow'),
        tiersNow: z.array(tierProgress).describe('Tier progress without the sale'),
        tiersWithSale: z.array(tierProgress).describe('Tier progress with the sale'),
      }),
    )
    .describe('One per program in force the sale would count in'),
});

const lineOrigin = {
  partnerId: z.string().describe('Reporting partner'),
  sourceFileId: z.string().describe('Channel file the line came from'),
  sourceLineNumber: z.number().int().describe('Line (CSV), row (XLSX) or segment (X12) in that file, from 1'),
  sku: z.string().describe('Our SKU (partner SKUs are cross-referenced on ingest)'),
};

export const saleLineResponseSchema = z
  .looseObject({
    ...lineOrigin,
    invoiceNumber: z.string().describe("The partner's invoice number"),
    invoiceLine: z.string().describe('Invoice line (the source line number when the file has none)'),
    invoiceDate: z
      .string()
      .describe('Invoice date (ISO date); decides the program period on `invoice` basis'),
    category: z.string().describe("The product's category"),
    quantity: z.string().describe('Quantity in the base unit `uom` (decimal string; returns negative)'),
    uom: z.string().describe('Base unit of `quantity`'),
    reportedQuantity: z.string().describe('Quantity as reported, in `reportedUom`'),
    reportedUom: z.string().describe('Unit the partner reported in'),
    extendedAmount: z.string().describe('Line revenue (decimal string in `currency`; returns negative)'),
    currency: z.string().describe('ISO 4217 currency of `extendedAmount`'),
  })
  .describe('A normalized sale line');

export const fileLineResponseSchema = z
  .looseObject(lineOrigin)
  .describe('A sale line (POS file; fields as GET /sales-lines) or an inventory snapshot (inventory file)');

export const rejectedLineResponseSchema = z.looseObject({
  sourceLineNumber: z.number().int().describe('Line number in the file, from 1'),
  raw: z.string().describe('The line as received'),
  reasons: z
    .array(
      z.looseObject({
        field: z.string().optional().describe('Field refused'),
        message: z.string().optional().describe('Why'),
      }),
    )
    .describe('Every reason the line was refused'),
});

export const mappingProfileResponseSchema = z
  .looseObject({
    partnerId: z.string().describe('Partner'),
    kind: channelFileKindSchema.describe('File kind the profile reads'),
    profile: z.looseObject({}).describe('The profile, exactly as PUT takes it (see its request body)'),
    isDefault: z.boolean().optional().describe('True when none is saved: the canonical default is shown'),
    version: z.number().int().optional().describe('Record version of a saved profile (send as If-Match)'),
  })
  .describe("The partner's saved profile or, when none is saved, the canonical default");

export const partnerSkuResponseSchema = z.looseObject({
  partnerId: z.string().describe('Partner'),
  partnerSku: z.string().describe("The partner's own item number"),
  sku: z.string().describe('Our SKU it means'),
  description: z.string().optional().describe("The partner's description of the item"),
  version: z.number().int().describe('Record version (send as If-Match to re-point)'),
});

const quantity = (meaning: string) => z.string().describe(`${meaning} (decimal string, base units)`);

export const inventoryPositionResponseSchema = z.looseObject({
  partnerId: z.string().describe('Partner'),
  sku: z.string().describe('Our SKU'),
  openingDate: z.string().describe('Date of the reported snapshot the position starts from (ISO date)'),
  openingOnHand: quantity('On hand at the opening date'),
  sellIn: quantity('Receipts after the opening date up to `to`'),
  sellThrough: quantity('Sold (returns negative) after the opening date up to `to`'),
  computedOnHand: quantity('opening + sell-in − sell-through'),
  reportedDate: z.string().optional().describe('Date of the latest reported on-hand up to `to`'),
  reportedOnHand: quantity('That reported on-hand').optional(),
});

export const inventorySnapshotResponseSchema = z.looseObject({
  partnerId: z.string().describe('Partner'),
  sku: z.string().describe('Our SKU'),
  asOfDate: z.string().describe('Date the partner reported for (ISO date)'),
  uom: z.string().describe('Base unit of every quantity'),
  quantityOnHand: quantity('On hand').optional(),
  sourceFileId: z.string().describe('Channel file it came from'),
  sourceLineNumber: z.number().int().describe('Line number in that file'),
});
