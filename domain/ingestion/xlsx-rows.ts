import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { DomainError } from '../shared/errors';
import { Money } from '../shared/money/money';
import type { DateCodec } from './date-text';
import { fileRejected } from './file-rejected-error';
import { XlsxInflationGuard, type XlsxLimits } from './xlsx-inflation-guard';

/** One row of the first worksheet as text cells, with its 1-based row number and a CSV rendering as raw text. */
export interface SheetRow {
  readonly cells: string[];
  readonly rowNumber: number;
  readonly raw: string;
}

/** How XLSX numbers and dates are written back into the text the profile's parsers expect. */
export interface SheetTextOptions {
  readonly dates: DateCodec;
  readonly decimalSeparator: '.' | ',';
}

/** A number as a plain decimal string: 15 significant digits (Excel's precision), never an exponent. */
function numberText(value: number, decimalSeparator: '.' | ','): string {
  let text = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (text.includes('e')) text = new Money(value.toPrecision(15)).toFixed();
  return decimalSeparator === ',' ? text.replace('.', ',') : text;
}

function cellText(value: unknown, options: SheetTextOptions): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, options.decimalSeparator);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : options.dates.format(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return value.richText.map((run: { text?: unknown }) => String(run.text ?? '')).join('');
    }
    if ('result' in value) return cellText(value.result, options);
    if ('text' in value) return cellText(value.text, options);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

const csvCell = (cell: string): string => (/[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/**
 * Streams the rows of the first worksheet of an XLSX workbook with exceljs' streaming reader (the zip is read
 * entry by entry, never whole; exceljs may spool a sheet stored before the shared strings to a temp file).
 * Dates come back in the profile's date format and numbers as plain decimals. Later sheets are drained unread.
 * The bytes pass an inflation guard first, so a zip bomb or a giant cell fails the file before exceljs holds it.
 */
export async function* readFirstSheetRows(
  chunks: AsyncIterable<Uint8Array>,
  options: SheetTextOptions,
  limits?: XlsxLimits,
): AsyncGenerator<SheetRow> {
  const guard = new XlsxInflationGuard(limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(guard.pass(chunks)), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let first = true;
  try {
    for await (const worksheet of reader) {
      if (!first) continue;
      first = false;
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: string[] = [];
        // exceljs row values are 1-based (index 0 is unused) and sparse.
        for (let column = 1; column < values.length; column++) cells.push(cellText(values[column], options));
        if (guard.violation !== undefined) throw guard.violation;
        yield { cells, rowNumber: row.number, raw: cells.map(csvCell).join(',') };
      }
    }
  } catch (error) {
    if (guard.violation !== undefined) throw guard.violation;
    if (error instanceof DomainError) throw error;
    throw fileRejected(
      'malformed',
      `not a readable XLSX workbook (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  if (guard.violation !== undefined) throw guard.violation;
}
