import type { LineIssue, RejectedLine } from './ingest-types';
import type { InventoryField, SaleField } from './mapping-profile';

/**
 * The longest value (in characters, after trimming) each canonical field may hold. A longer value rejects
 * the line naming the field and its limit: nothing is ever cut to fit.
 */
export const fieldLengthLimits: Readonly<Record<SaleField | InventoryField, number>> = {
  invoiceNumber: 100,
  invoiceLine: 50,
  invoiceDate: 40,
  shipDate: 40,
  orderDate: 40,
  asOfDate: 40,
  sku: 100,
  partnerSku: 100,
  quantity: 60,
  quantityOnHand: 60,
  quantityReceived: 60,
  quantityOnOrder: 60,
  quantityInTransit: 60,
  quantitySold: 60,
  uom: 20,
  unitPrice: 60,
  extendedAmount: 60,
  currency: 10,
  endCustomerId: 200,
  endCustomerName: 200,
  billTo: 200,
  shipTo: 200,
  orderType: 50,
  salesperson: 100,
  warehouse: 100,
};

/** The longest value of one custom attribute (`custom.<name>`). */
export const customValueLengthLimit = 500;

/**
 * The most a normalized line may take when stored (UTF-8 bytes of names and values): far above a real line
 * (~400 bytes), far below DynamoDB's 400 KB item, and small enough that 50 lines plus their history fit in one
 * 4 MB transaction.
 */
export const maxStoredLineBytes = 32 * 1024;

/** What a stored rejection keeps: the raw text up to this many characters, each reason's message up to this. */
export const maxRejectedRawLength = 16 * 1024;
const maxReasonLength = 300;
const maxReasons = 50;

export const tooLongIssue = (field: string, length: number, limit: number): LineIssue => ({
  field,
  message: `is ${length} characters long; the limit is ${limit}`,
});

/** Room for the keys and bookkeeping the store adds around a line (its natural key appears in ~5 keys). */
const storageOverheadBytes = 1024;

/**
 * Refuses a line too big to store, naming its largest field. Counts characters first: only a line that
 * might be over the limit (3 bytes per character at most) is measured in bytes.
 */
export function storedSizeIssue(line: object): LineIssue | undefined {
  const fields = flatFields(line);
  let characters = storageOverheadBytes;
  for (const [name, value] of fields) characters += name.length + value.length;
  if (characters * 3 <= maxStoredLineBytes) return undefined;
  let bytes = storageOverheadBytes;
  let largest: [string, number] = ['line', 0];
  for (const [name, value] of fields) {
    const size = utf8Length(name) + utf8Length(value);
    bytes += size;
    if (size > largest[1]) largest = [name, size];
  }
  if (bytes <= maxStoredLineBytes) return undefined;
  return {
    field: largest[0],
    message: `the line would take ${bytes} bytes stored (the limit is ${maxStoredLineBytes}); '${largest[0]}' takes ${largest[1]}`,
  };
}

/** UTF-8 size of a string: 1 byte below U+0080, 2 below U+0800, 4 per surrogate pair, else 3. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xdc00 ? 4 : 3;
    if (code >= 0xd800 && code < 0xdc00) index++;
  }
  return bytes;
}

/** Top-level and custom (`custom.<name>`) fields of a line, as text. */
function flatFields(line: object): [string, string][] {
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries(line)) {
    if (value !== null && typeof value === 'object') {
      for (const [inner, text] of Object.entries(value)) fields.push([`${name}.${inner}`, String(text)]);
    } else fields.push([name, String(value)]);
  }
  return fields;
}

const shortened = (text: string, limit: number) =>
  text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length} characters)`;

/**
 * A rejection in the size it is stored: the raw text and messages bounded (a rejected line quotes what it
 * refuses, which can be huge). The whole line stays in the uploaded file, by its line number.
 */
export function storableRejection(rejected: RejectedLine): RejectedLine {
  const raw = shortened(rejected.raw, maxRejectedRawLength);
  const reasons = rejected.reasons.slice(0, maxReasons).map((reason) => ({
    field: shortened(reason.field, 100),
    message: shortened(reason.message, maxReasonLength),
  }));
  return { ...rejected, raw, reasons };
}
