import { CsvTokenizer } from '../ingestion/csv-tokenizer';
import { isCalendarDate } from '../ingestion/date-text';
import { isPlainDecimal } from './debit-amount';
import { maxAuthorizedQuantity } from './debit-authorization';
import type { DebitClaimLine } from './debit-claim-line';
import type { RejectedDebitClaimLine } from './x12-844-debit-claim';

/** The columns of a ship & debit claim CSV, in any order; the optional ones may be left out. */
export const debitClaimCsvColumns = {
  required: [
    'authorization_number',
    'invoice_number',
    'ship_date',
    'end_customer_id',
    'product_sku',
    'quantity',
    'book_cost',
    'authorized_cost',
    'amount',
  ],
  optional: ['invoice_line', 'resale_price'],
} as const;

/** A problem with the CSV as a whole (its header), with the physical line it was found at. */
export interface DebitClaimCsvError {
  readonly code: 'wrong_columns' | 'malformed' | 'no_lines';
  readonly message: string;
  readonly line?: number;
}

export interface ParsedDebitClaimCsv {
  readonly errors: DebitClaimCsvError[];
  readonly lines: DebitClaimLine[];
  /** Rows that could not become claim lines; `segment` holds the physical CSV line. */
  readonly rejectedLines: RejectedDebitClaimLine[];
}

const known = new Set<string>([...debitClaimCsvColumns.required, ...debitClaimCsvColumns.optional]);

/**
 * Reads a ship & debit claim from CSV text: a header naming the columns (`debitClaimCsvColumns`), then one
 * claim line per row. Wrong columns are a file-level error (nothing read); a row with missing or unreadable
 * values is refused on its own (901 code 15 or 33), the others are read. Never throws.
 */
export function parseDebitClaimCsv(text: string): ParsedDebitClaimCsv {
  const errors: DebitClaimCsvError[] = [];
  const lines: DebitClaimLine[] = [];
  const rejectedLines: RejectedDebitClaimLine[] = [];
  let columns: Map<string, number> | undefined;
  const tokenizer = new CsvTokenizer(
    'auto',
    1,
    (cells, lineNumber) => {
      if (columns === undefined) {
        columns = headerOf(cells, lineNumber, errors);
        return;
      }
      if (errors.length > 0) return;
      readRow([...cells], lineNumber, columns, lines.length + rejectedLines.length + 1, lines, rejectedLines);
    },
    (lineNumber, _raw, problem) => {
      errors.push({ code: 'malformed', message: problem.message, line: lineNumber });
    },
  );
  tokenizer.push(text);
  tokenizer.end();
  if (errors.length === 0 && lines.length + rejectedLines.length === 0)
    errors.push({ code: 'no_lines', message: 'the CSV has a header and no claim line' });
  return errors.length > 0 ? { errors, lines: [], rejectedLines: [] } : { errors, lines, rejectedLines };
}

function headerOf(cells: readonly string[], lineNumber: number, errors: DebitClaimCsvError[]) {
  const columns = new Map<string, number>();
  cells.forEach((cell, index) => {
    const name = cell.trim().toLowerCase();
    if (!known.has(name))
      errors.push({
        code: 'wrong_columns',
        message: `column '${cell}' is not a claim column`,
        line: lineNumber,
      });
    else if (columns.has(name))
      errors.push({ code: 'wrong_columns', message: `column '${name}' appears twice`, line: lineNumber });
    else columns.set(name, index);
  });
  for (const name of debitClaimCsvColumns.required) {
    if (!columns.has(name))
      errors.push({ code: 'wrong_columns', message: `the header has no '${name}' column`, line: lineNumber });
  }
  return columns;
}

function isoDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return undefined;
  return isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3])) ? text : undefined;
}

function readRow(
  cells: readonly string[],
  lineNumber: number,
  columns: ReadonlyMap<string, number>,
  position: number,
  lines: DebitClaimLine[],
  rejectedLines: RejectedDebitClaimLine[],
): void {
  const cell = (name: string): string => {
    const index = columns.get(name);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const refuse = (code: 'missing_data' | 'invalid_value', message: string) =>
    rejectedLines.push({
      lineNumber: position,
      segment: lineNumber,
      code,
      x12Code: code === 'missing_data' ? '15' : '33',
      message,
      productSku: cell('product_sku'),
      invoiceNumber: cell('invoice_number'),
    });
  const missing = debitClaimCsvColumns.required.find((name) => cell(name) === '');
  if (missing !== undefined) return void refuse('missing_data', `line ${lineNumber} has no ${missing}`);
  const shipDate = isoDate(cell('ship_date'));
  if (shipDate === undefined)
    return void refuse('invalid_value', `ship_date '${cell('ship_date')}' is not a date YYYY-MM-DD`);
  const quantityText = cell('quantity');
  const quantity = Number(quantityText);
  if (!/^\d{1,10}$/.test(quantityText) || quantity <= 0 || quantity > maxAuthorizedQuantity)
    return void refuse(
      'invalid_value',
      `quantity '${quantityText}' is not a positive whole number up to 1e9`,
    );
  const unreadable = ['book_cost', 'authorized_cost', 'amount', 'resale_price'].find(
    (name) => cell(name) !== '' && !isPlainDecimal(cell(name)),
  );
  if (unreadable !== undefined)
    return void refuse('invalid_value', `${unreadable} '${cell(unreadable)}' is not a non-negative decimal`);
  const invoiceLine = cell('invoice_line');
  const resalePrice = cell('resale_price');
  lines.push({
    lineNumber: position,
    authorizationNumber: cell('authorization_number'),
    invoiceNumber: cell('invoice_number'),
    ...(invoiceLine === '' ? {} : { invoiceLine }),
    shipDate,
    endCustomerId: cell('end_customer_id'),
    productSku: cell('product_sku'),
    quantity,
    bookCost: cell('book_cost'),
    authorizedCost: cell('authorized_cost'),
    ...(resalePrice === '' ? {} : { resalePrice }),
    amount: cell('amount'),
  });
}
