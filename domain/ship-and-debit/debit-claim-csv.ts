import { CsvTokenizer } from '../ingestion/csv-tokenizer';
import { compileDateFormat } from '../ingestion/date-text';
import { FileRejectedError } from '../ingestion/file-rejected-error';
import {
  debitClaimFields,
  type MappingProfile,
  optionalDebitClaimFields,
  snakeCase,
} from '../ingestion/mapping-profile';
import { compileColumns } from '../ingestion/tabular-records';
import { isPlainDecimal } from './debit-amount';
import { maxAuthorizedQuantity } from './debit-authorization';
import type { DebitClaimLine } from './debit-claim-line';
import type { RejectedDebitClaimLine } from './x12-844-debit-claim';

const optional: readonly string[] = optionalDebitClaimFields;

/** The columns of a ship & debit claim CSV (the claim fields, snake_case), in any order; optional ones may be left out. */
export const debitClaimCsvColumns = {
  required: debitClaimFields.filter((field) => !optional.includes(field)).map(snakeCase),
  optional: optionalDebitClaimFields.map(snakeCase),
};

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
 * Reads a ship & debit claim from CSV text: a header naming the columns (`debitClaimCsvColumns`), or, with the
 * partner's mapping profile, the partner's own columns mapped onto them (its header row, delimiter and date
 * format; unmapped columns as the profile says), then one claim line per row. Wrong columns are a file-level
 * error (nothing read); a row with missing or unreadable values is refused on its own (901 code 15 or 33), the
 * others are read. Never throws.
 */
export function parseDebitClaimCsv(text: string, profile?: MappingProfile): ParsedDebitClaimCsv {
  const errors: DebitClaimCsvError[] = [];
  const lines: DebitClaimLine[] = [];
  const rejectedLines: RejectedDebitClaimLine[] = [];
  const headerRow = profile?.headerRow ?? 1;
  const dates = compileDateFormat(profile?.dateFormat ?? 'YYYY-MM-DD');
  let columns: Map<string, number> | undefined =
    headerRow === 0 && profile !== undefined ? profileColumns(profile, undefined, 0, errors) : undefined;
  const tokenizer = new CsvTokenizer(
    profile?.delimiter ?? 'auto',
    Math.max(headerRow, 1),
    (cells, lineNumber) => {
      if (lineNumber < headerRow) return;
      if (columns === undefined) {
        columns =
          profile === undefined
            ? headerOf(cells, lineNumber, errors)
            : profileColumns(profile, cells, lineNumber, errors);
        return;
      }
      if (errors.length > 0 || cells.every((cell) => cell.trim() === '')) return;
      const position = lines.length + rejectedLines.length + 1;
      readRow([...cells], lineNumber, columns, position, dates.parse, lines, rejectedLines);
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

/** The claim columns of a header read through a mapping profile (ingestion's column compiler), by CSV name. */
function profileColumns(
  profile: MappingProfile,
  cells: readonly string[] | undefined,
  lineNumber: number,
  errors: DebitClaimCsvError[],
): Map<string, number> {
  try {
    const compiled = compileColumns(profile, cells);
    return new Map([...compiled.fieldColumns].map(([field, index]) => [snakeCase(field), index]));
  } catch (error) {
    if (!(error instanceof FileRejectedError)) throw error;
    for (const reason of error.reasons)
      errors.push({
        code: 'wrong_columns',
        message: reason.message,
        ...(lineNumber > 0 ? { line: lineNumber } : {}),
      });
    return new Map();
  }
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

function readRow(
  cells: readonly string[],
  lineNumber: number,
  columns: ReadonlyMap<string, number>,
  position: number,
  dateOf: (text: string) => string | undefined,
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
  // The authorization number may be blank: the claim then matches one (`AuthorizationPrecedence`).
  const missing = debitClaimCsvColumns.required.find(
    (name) => name !== 'authorization_number' && cell(name) === '',
  );
  if (missing !== undefined) return void refuse('missing_data', `line ${lineNumber} has no ${missing}`);
  const shipDate = dateOf(cell('ship_date'));
  if (shipDate === undefined)
    return void refuse(
      'invalid_value',
      `ship_date '${cell('ship_date')}' is not a date in the file's format`,
    );
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
