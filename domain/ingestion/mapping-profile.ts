import { z } from 'zod';
import { businessCodeSchema } from '../shared/codes';
import { currencyCodeSchema } from '../shared/money/money';
import { type ChannelFileKind, channelFileKindSchema } from './channel-file-kind';

/** Canonical fields of a sell-through (POS) line, in the order of the canonical CSV header. */
export const saleFields = [
  'invoiceNumber',
  'invoiceLine',
  'invoiceDate',
  'shipDate',
  'orderDate',
  'sku',
  'partnerSku',
  'quantity',
  'uom',
  'unitPrice',
  'extendedAmount',
  'currency',
  'endCustomerId',
  'endCustomerName',
  'billTo',
  'shipTo',
  'orderType',
  'salesperson',
  'warehouse',
] as const;
export type SaleField = (typeof saleFields)[number];

/** Canonical fields of an inventory snapshot line, in the order of the canonical CSV header. */
export const inventoryFields = [
  'sku',
  'partnerSku',
  'asOfDate',
  'quantityOnHand',
  'quantityReceived',
  'quantityOnOrder',
  'quantityInTransit',
  'quantitySold',
  'uom',
  'warehouse',
] as const;
export type InventoryField = (typeof inventoryFields)[number];

/**
 * Canonical fields of a ship & debit claim line, in the order of the claim CSV's header
 * (`authorization_number,invoice_number,invoice_line,ship_date,…`); all but these two are required.
 */
export const optionalDebitClaimFields = ['invoiceLine', 'resalePrice'] as const;
export const debitClaimFields = [
  'authorizationNumber',
  'invoiceNumber',
  'invoiceLine',
  'shipDate',
  'endCustomerId',
  'productSku',
  'quantity',
  'bookCost',
  'authorizedCost',
  'resalePrice',
  'amount',
] as const;

/** The canonical fields a profile of each kind may map to. */
const fieldsOfKind: Record<ChannelFileKind, readonly string[]> = {
  pos: saleFields,
  inventory: inventoryFields,
  shipAndDebitClaim: debitClaimFields,
};

/** Date layouts partners use; the parser is compiled once per file from one of these. */
export const dateFormats = [
  'YYYY-MM-DD',
  'YYYY/MM/DD',
  'YYYYMMDD',
  'MM/DD/YYYY',
  'M/D/YYYY',
  'DD/MM/YYYY',
  'D/M/YYYY',
  'DD.MM.YYYY',
  'D.M.YYYY',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
] as const;
export type DateFormat = (typeof dateFormats)[number];

const customFieldPattern = /^custom\.[A-Za-z0-9_.-]{1,64}$/;

/** Where a canonical field comes from: a header name (matched ignoring case, spaces, `_`, `-`, `.`) or a 1-based column. */
export const columnMappingSchema = z.object({
  source: z
    .union([z.string().trim().min(1).max(200), z.number().int().min(1).max(16_384)])
    .describe('Header name (matched ignoring case, spaces, `_`, `-`, `.`) or 1-based column number'),
  /** A canonical field of the profile's kind, or `custom.<name>` to keep the value as a custom attribute. */
  field: z
    .string()
    .min(1)
    .max(80)
    .describe(
      'Canonical field of the profile’s kind, or `custom.<name>` to keep the value as a custom attribute',
    ),
});

/**
 * How one partner's files of one kind map onto canonical lines. Validated with zod once per file (never per
 * line), then compiled into column indices and specialized parsers.
 */
export const mappingProfileSchema = z
  .object({
    partnerId: businessCodeSchema.optional().describe('Partner (taken from the path)'),
    kind: channelFileKindSchema.describe('File kind it reads: `pos`, `inventory` or `shipAndDebitClaim`'),
    columns: z.array(columnMappingSchema).min(1).max(300).describe('Where each canonical field comes from'),
    /** Physical line (CSV) or row (XLSX) holding the header; 0 = no header, columns are 1-based indices. */
    headerRow: z
      .number()
      .int()
      .min(0)
      .max(1_000)
      .default(1)
      .describe(
        'Line (CSV) or row (XLSX) holding the header, from 1; 0 = no header, sources are column numbers',
      ),
    delimiter: z
      .enum(['auto', ',', ';', '\t', '|'])
      .default('auto')
      .describe('CSV delimiter, or `auto` to detect it'),
    dateFormat: z.enum(dateFormats).default('YYYY-MM-DD').describe('How dates are written in the file'),
    decimalSeparator: z.enum(['.', ',']).default('.').describe('Decimal separator of numbers in the file'),
    thousandsSeparator: z
      .enum(['', ',', '.', ' ', "'"])
      .default('')
      .describe('Thousands separator of numbers in the file (empty: none)'),
    /** UoM of quantities when the file has no UoM column or the cell is empty; else the product's base unit. */
    defaultUom: z
      .string()
      .regex(/^[A-Z0-9]{1,6}$/)
      .optional()
      .describe(
        "Unit of quantities when the file has no UoM column or the cell is empty; else the product's base unit",
      ),
    /** Currency of amounts when the file has no currency column or the cell is empty. */
    defaultCurrency: currencyCodeSchema
      .optional()
      .describe('ISO 4217 currency of amounts when the file has no currency column or the cell is empty'),
    encoding: z
      .enum(['auto', 'utf-8', 'windows-1252'])
      .default('auto')
      .describe('Text encoding, or `auto` to detect it'),
    /** Header columns the profile does not map: refuse the file, ignore them, or keep them as custom attributes. */
    unknownColumns: z
      .enum(['reject', 'ignore', 'custom'])
      .default('reject')
      .describe(
        'Header columns the profile does not map: `reject` the file, `ignore` them, or keep them as `custom` attributes',
      ),
    /** Header columns starting with this prefix (case-insensitive) become custom attributes named by the rest. */
    customColumnPrefix: z
      .string()
      .min(1)
      .max(20)
      .optional()
      .describe(
        'Header columns starting with this prefix (case-insensitive) become custom attributes named by the rest',
      ),
  })
  .superRefine((profile, ctx) => {
    const allowed = fieldsOfKind[profile.kind];
    const seen = new Set<string>();
    profile.columns.forEach((column, index) => {
      if (!allowed.includes(column.field) && !customFieldPattern.test(column.field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, 'field'],
          message: `'${column.field}' is not a ${profile.kind} field nor custom.<name>`,
        });
      }
      if (seen.has(column.field)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, 'field'],
          message: `'${column.field}' is mapped twice`,
        });
      }
      seen.add(column.field);
      if (profile.headerRow === 0 && typeof column.source === 'string') {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', index, 'source'],
          message: 'without a header row, columns must be 1-based indices',
        });
      }
    });
    if (profile.thousandsSeparator === profile.decimalSeparator) {
      ctx.addIssue({
        code: 'custom',
        path: ['thousandsSeparator'],
        message: 'must differ from the decimal separator',
      });
    }
  });

export type MappingProfile = z.output<typeof mappingProfileSchema>;
export type MappingProfileInput = z.input<typeof mappingProfileSchema>;

export const snakeCase = (field: string): string =>
  field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Header of our canonical CSV for a kind. POS:
 * `invoice_number,invoice_line,invoice_date,ship_date,order_date,sku,partner_sku,quantity,uom,unit_price,
 * extended_amount,currency,end_customer_id,end_customer_name,bill_to,ship_to,order_type,salesperson,warehouse`;
 * inventory: `sku,partner_sku,as_of_date,quantity_on_hand,quantity_received,quantity_on_order,
 * quantity_in_transit,quantity_sold,uom,warehouse`; ship & debit claim: the claim CSV's columns (`debitClaimFields`).
 * Extra columns named `custom_<name>` become custom attributes (a claim keeps none).
 */
export function canonicalCsvHeader(kind: ChannelFileKind): string[] {
  return fieldsOfKind[kind].map(snakeCase);
}

/**
 * The profile of our canonical CSV (see `canonicalCsvHeader`): comma or auto-detected delimiter, ISO dates,
 * `.` decimals, UTF-8 (Windows-1252 fallback). Optional columns may be left out of a file; required ones
 * (POS: invoice_number, invoice_date, sku or partner_sku, quantity, unit_price or extended_amount; inventory:
 * sku or partner_sku, as_of_date and a quantity) may not. Set `defaultCurrency` to the partner's currency
 * when its files carry no currency column.
 */
export function defaultMappingProfile(kind: ChannelFileKind): MappingProfile {
  return mappingProfileSchema.parse({
    kind,
    columns: fieldsOfKind[kind].map((field) => ({ source: snakeCase(field), field })),
    customColumnPrefix: 'custom_',
  });
}
