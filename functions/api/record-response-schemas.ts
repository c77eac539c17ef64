import { z } from 'zod';
import { recordMetaSchema } from './api-schemas';

/**
 * Response bodies of the routes that answer a stored record or a listing of one, beyond the catalog records
 * (partners, products, price lists) whose own schemas are reused in routes.ts. Objects are loose: a field
 * added later does not break a client that reads these. Amounts are decimal strings, never numbers.
 */

/** A stored record: its fields plus `version`, `createdAt`, `updatedAt`. */
export const stored = <S extends z.ZodType>(schema: S) => z.intersection(schema, recordMetaSchema);

/** One page of a listing; pass `nextCursor` back as `cursor` for the next page. */
export const pageOf = (item: z.ZodType) =>
  z.object({
    items: z.array(item).describe('This page, in the listing’s order'),
    nextCursor: z
      .string()
      .optional()
      .describe('Opaque cursor for the next page (send as `cursor`); absent on the last page'),
  });

/** Answers that are a bare list, not paged. */
export const listOf = (item: z.ZodType) =>
  z.object({ items: z.array(item).describe('Every item, not paged') });

export const amount = (meaning: string) =>
  z.string().describe(`${meaning}: decimal string in \`currency\` (e.g. "1280.00"), negative when it lowers`);
const isoDate = (meaning: string) => z.string().describe(`${meaning} (ISO 8601 date YYYY-MM-DD)`);
export const periodLabel = z
  .string()
  .describe(
    'Program period label: `YYYY-MM` (monthly), `FYyyyy-Qn` (quarterly) or `FYyyyy` (yearly), counted from ' +
      'the program’s `programYearStartMonth`; the fiscal year is named after the calendar year it starts in',
  );
export const currency = z.string().describe('ISO 4217 currency of every amount of this item');
/** An exact amount with its own currency, for lists of totals one per currency. */
export const amountInCurrency = z.looseObject({
  amount: z.string().describe('Exact decimal string in `currency`'),
  currency: z.string().describe('ISO 4217 currency'),
});
export const fund = z
  .string()
  .describe('Fund moved: `rebate` (liability), `coop` (partner co-op fund) or `spif`');

const programDefinitionOut = z
  .looseObject({})
  .describe('Program terms exactly as POST /programs takes them (see its request body)');

export const programRecordSchema = stored(
  z.looseObject({
    programId: z.string().describe('Program code'),
    name: z.string().describe('Program name'),
    status: z
      .enum(['draft', 'active', 'closed'])
      .describe('`draft`: never activated; `active`: runs accrue it; `closed`: runs no longer accrue it'),
    draft: programDefinitionOut.nullable().describe('Pending draft awaiting activation, or null'),
    draftedBy: z.string().nullable().describe('User who wrote the pending draft'),
    active: programDefinitionOut
      .nullable()
      .describe('The version in force (its `programVersion` counts activations), or null before activation'),
    activatedBy: z.string().nullable().describe('Approver of the version in force'),
    activatedAt: z.string().nullable().describe('When it was activated (ISO 8601 UTC)'),
    closedBy: z.string().nullable().describe('Who closed the program'),
    closedAt: z.string().nullable().describe('When it was closed (ISO 8601 UTC)'),
    closeReason: z.string().nullable().describe('Why it was closed'),
  }),
).describe('A rebate program: the version in force and any pending draft');

export const programVersionResponseSchema = stored(
  z.looseObject({
    programId: z.string().describe('Program code'),
    programVersion: z.number().int().describe('Activation count: 1 for the first version put in force'),
    program: programDefinitionOut.describe('The terms of this version, unchanged since activation'),
    draftedBy: z.string().describe('Author of the terms'),
    activatedBy: z.string().describe('Approver who put them in force'),
    activatedAt: z.string().describe('When (ISO 8601 UTC)'),
  }),
);

export const replayResponseSchema = z.looseObject({
  runId: z.string().describe('The run replayed'),
  identical: z.boolean().describe('True when lines and every program total match the run as recorded'),
  lines: z
    .looseObject({
      recorded: z.string().nullable().describe('Line-set fingerprint recorded by the run'),
      replayed: z.string().describe('Fingerprint of the snapshot read now'),
      identical: z.boolean().describe('True when both fingerprints agree'),
    })
    .describe('Whether the run’s line snapshot is unchanged'),
  programs: z
    .array(
      z.looseObject({
        programId: z.string().describe('Program code'),
        programVersion: z.number().int().describe('Program version the run used'),
        recorded: z.string().describe('What the run recorded as earned (decimal string)'),
        replayed: z.string().describe('What the replay computes (decimal string)'),
        identical: z.boolean().describe('True when both agree to the cent'),
      }),
    )
    .describe('Per program'),
});

const lateLine = z.looseObject({
  lineId: z.string().describe('Sale line id'),
  partnerId: z.string().describe('Reporting partner'),
  invoiceDate: isoDate('Invoice date'),
  quantity: z.string().describe('Quantity in base units (decimal string)'),
  extendedAmount: z.string().describe('Line revenue (decimal string in `currency`)'),
  currency,
  change: z
    .enum(['new', 'restated'])
    .describe('`new`: the earlier run did not have the line; `restated`: it had another version'),
  sourceFileId: z.string().nullable().describe('Channel file the line came from'),
  sourceLineNumber: z.number().int().nullable().describe('Line number in that file, from 1'),
});

export const latePeriodSchema = z.looseObject({
  period: periodLabel,
  postings: z.number().int().describe('Postings this run made for the period'),
  postedOn: z.string().nullable().describe('Accounting date of those postings (ISO date)'),
  priorPeriod: z.boolean().describe('True when posted in a later open month than the period’s own'),
  previousRunId: z.string().describe('The run that measured the period before'),
  previouslyMeasuredTo: isoDate('The day that run measured to'),
  lines: z.array(lateLine).describe('Lines this run saw that the earlier run had not (as they are now)'),
});

export const ledgerPostingResponseSchema = z
  .looseObject({
    postingId: z.string().describe('Posting id'),
    kind: z
      .string()
      .describe(
        '`accrual` (first posting of a period), `trueUp` (difference to earlier postings), `adjustment`, `claim`, `payment`',
      ),
    programId: z.string().describe('Program code'),
    period: periodLabel,
    fund,
    beneficiaryPartnerId: z.string().describe('Partner the amount is owed to'),
    currency,
    amount: amount('Change of earned'),
    postedOn: isoDate('Accounting date (in an open accounting month)'),
  })
  .describe('A ledger posting; never updated, corrected by later postings');

const checkbookFigures = {
  earned: amount('Σ accruals and true-ups'),
  adjustments: amount('Σ approved manual adjustments'),
  claimed: amount('Σ approved claims'),
  paid: amount('Σ payments'),
  payable: amount('claimed − paid'),
  balance: amount('earned + adjustments − paid: outstanding liability'),
  availableToClaim: amount(
    'earned + adjustments − claimed − reserved: what a new claim may take (negative when over-claimed)',
  ),
  reserved: amount('Σ pending claims (validated, not yet decided), reserved against the balance'),
};

export const checkbookSchema = z.looseObject({
  programId: z.string().describe('Program code'),
  beneficiaryPartnerId: z.string().describe('Partner the fund is owed to'),
  fund,
  currency,
  ...checkbookFigures,
  periods: z
    .array(z.looseObject({ period: periodLabel, ...checkbookFigures }))
    .describe('Per program period; they add up to the totals'),
});

const journalEntry = z.looseObject({
  journalId: z.string().describe('Journal entry id'),
  postingId: z.string().describe('Ledger posting journalized'),
  kind: z.string().describe('Posting kind'),
  postedOn: isoDate('Accounting date'),
  period: periodLabel,
  fund,
  currency,
  programId: z.string().describe('Program code'),
  beneficiaryPartnerId: z.string().describe('Partner owed'),
  partnerId: z.string().describe('Partner whose sales earned it'),
  memo: z.string().describe('Human-readable memo'),
  lines: z
    .array(
      z.looseObject({
        lineNumber: z.number().int().describe('Line within the entry, from 1'),
        account: z.string().describe('GL account number'),
        accountName: z.string().describe('GL account name'),
        debit: z.string().describe('Debit (decimal string in `currency`, "0.00" when none)'),
        credit: z.string().describe('Credit (decimal string in `currency`, "0.00" when none)'),
      }),
    )
    .describe('Debit and credit lines; they balance'),
});

export const journalJsonSchema = z
  .looseObject({
    entries: z.array(journalEntry).describe('Entries in journal order'),
    totals: z
      .array(
        z.looseObject({
          currency,
          debit: z.string().describe('Σ debits (decimal string)'),
          credit: z.string().describe('Σ credits (decimal string); equals Σ debits'),
        }),
      )
      .describe('Per currency'),
  })
  .describe('With `format=json`; the default CSV has the same lines, one per row');

export const adjustmentResponseSchema = stored(
  z.looseObject({
    adjustmentId: z.string().describe('Adjustment id (ADJ-…)'),
    status: z
      .enum(['requested', 'approved', 'rejected'])
      .describe('`requested` until someone other than the requester decides; `approved` posts it'),
    programId: z.string().describe('Program code'),
    beneficiaryPartnerId: z.string().describe('Partner whose earned changes'),
    fund,
    period: periodLabel,
    currency,
    amount: amount('Signed change of earned'),
    reason: z.string().describe('Why (audit)'),
    requestedBy: z.string().describe('Requester'),
    requestedOn: isoDate('Requested on'),
  }),
);

export const accountingPeriodResponseSchema = stored(
  z.looseObject({
    month: z.string().describe('Accounting month YYYY-MM (calendar month of posting dates)'),
    status: z.enum(['open', 'closed']).describe('`closed`: nothing is posted dated into it'),
    history: z
      .array(
        z.looseObject({
          action: z.enum(['closed', 'reopened']).describe('What happened'),
          by: z.string().describe('Who'),
          at: z.string().describe('When (ISO 8601 UTC)'),
          reason: z.string().nullable().describe('Why (required to reopen)'),
        }),
      )
      .describe('Audit trail, oldest first'),
  }),
);

export const explainedEntrySchema = z
  .looseObject({
    programId: z.string().describe('Program code'),
    period: periodLabel,
    fund,
    beneficiaryPartnerId: z.string().describe('Partner owed'),
    partnerId: z.string().describe('Partner whose sales earned it'),
    currency,
    amount: amount('Accrued period-to-date for this entry, rounded half-even to the currency'),
    trace: z
      .looseObject({
        programVersion: z.number().int().describe('Program version computed with'),
        window: z
          .looseObject({
            from: isoDate('First day measured'),
            to: isoDate('Last day measured (period-to-date)'),
          })
          .describe('Days measured'),
        sourceLineIds: z.array(z.string()).describe('Sale lines that contributed'),
        quantity: z.string().describe('Units counted (decimal string, base units)'),
        revenue: z.string().describe('Revenue counted (decimal string in `currency`)'),
        unroundedAmount: z.string().describe('Amount before rounding (decimal string)'),
        roundedAmount: z.string().describe('Amount after rounding (decimal string)'),
        components: z
          .array(z.looseObject({}))
          .describe('Each step of the calculation: tier, rate, basis and the amount it gave'),
      })
      .optional()
      .describe('How the amount was computed; absent in the beneficiary view (`view`)'),
    view: z
      .literal('beneficiary-aggregate')
      .optional()
      .describe(
        'Set for a beneficiary that did not sell (e.g. a buying group): totals per product and period with ' +
          '`quantity`, `revenue` and `amount`, never the seller’s customers, invoices or lines',
      ),
  })
  .describe('One accrual entry with its trace (staff, the selling partner) or a beneficiary’s aggregate');
