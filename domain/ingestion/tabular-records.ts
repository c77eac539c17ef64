import type { ChannelFileKind } from './channel-file-kind';
import type { LineProblem } from './csv-tokenizer';
import { FileRejectedError, type FileRejectionReason, fileRejected } from './file-rejected-error';
import { InventoryLineNormalizer } from './inventory-line-normalizer';
import type { CompiledColumns, LineNormalizer, LineSink, NormalizerSettings } from './line-normalizer';
import {
  debitClaimFields,
  type MappingProfile,
  optionalDebitClaimFields,
  snakeCase,
} from './mapping-profile';
import { SaleLineNormalizer } from './sale-line-normalizer';

/** Header names match ignoring case, spaces and punctuation: "Invoice No." = "invoice_no" = "InvoiceNo". */
export const headerKey = (header: string): string => header.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Required canonical fields per kind; an inner array means "at least one of". */
const requiredFields: Record<ChannelFileKind, readonly (readonly string[])[]> = {
  pos: [
    ['invoiceNumber'],
    ['invoiceDate'],
    ['sku', 'partnerSku'],
    ['quantity'],
    ['unitPrice', 'extendedAmount'],
  ],
  inventory: [
    ['asOfDate'],
    ['sku', 'partnerSku'],
    ['quantityOnHand', 'quantityReceived', 'quantityOnOrder', 'quantityInTransit', 'quantitySold'],
  ],
  shipAndDebitClaim: debitClaimFields
    .filter((field) => !(optionalDebitClaimFields as readonly string[]).includes(field))
    .map((field) => [field]),
};

/**
 * Compiles a profile against a header row into cell indices, once per file. Refuses the file when required
 * columns are missing, when the header has columns the profile does not know (unless it ignores or keeps
 * them), or when a mapped column appears twice.
 */
export function compileColumns(
  profile: MappingProfile,
  header: readonly string[] | undefined,
): CompiledColumns {
  const fieldColumns = new Map<string, number>();
  const customColumns: { name: string; column: number }[] = [];
  const reasons: FileRejectionReason[] = [];
  const keys = header?.map(headerKey);
  const used = new Set<number>();
  for (const { source, field } of profile.columns) {
    let column = -1;
    if (typeof source === 'number') {
      column = header === undefined || source <= header.length ? source - 1 : -1;
    } else if (keys !== undefined) {
      const key = headerKey(source);
      column = keys.indexOf(key);
      if (column >= 0 && keys.indexOf(key, column + 1) >= 0) {
        reasons.push({
          code: 'duplicate_columns',
          message: `column '${source}' appears more than once in the header`,
        });
      }
    }
    if (column < 0) continue;
    used.add(column);
    if (field.startsWith('custom.')) customColumns.push({ name: field.slice('custom.'.length), column });
    else fieldColumns.set(field, column);
  }
  for (const alternatives of requiredFields[profile.kind]) {
    if (alternatives.some((field) => fieldColumns.has(field))) continue;
    const names = alternatives.map((field) => {
      const mapped = profile.columns.find((column) => column.field === field);
      return `'${mapped === undefined ? snakeCase(field) : String(mapped.source)}'`;
    });
    reasons.push({
      code: 'missing_columns',
      message: `missing required column ${names.join(' or ')}`,
    });
  }
  if (profile.kind === 'pos' && !fieldColumns.has('currency') && profile.defaultCurrency === undefined) {
    reasons.push({
      code: 'missing_columns',
      message: "missing column 'currency' and the profile has no default currency",
    });
  }
  if (header !== undefined) {
    const prefix = profile.customColumnPrefix?.toLowerCase();
    const unknown: string[] = [];
    header.forEach((name, column) => {
      const trimmed = name.trim();
      if (used.has(column) || trimmed === '') return;
      if (
        prefix !== undefined &&
        trimmed.toLowerCase().startsWith(prefix) &&
        trimmed.length > prefix.length
      ) {
        customColumns.push({ name: trimmed.slice(prefix.length), column });
      } else if (profile.unknownColumns === 'custom') {
        customColumns.push({ name: trimmed, column });
      } else if (profile.unknownColumns === 'reject') {
        unknown.push(trimmed);
      }
    });
    if (unknown.length > 0) {
      reasons.push({
        code: 'unknown_columns',
        message: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `'${name}'`).join(', ')}`,
      });
    }
  }
  if (reasons.length > 0) throw new FileRejectedError(reasons);
  return { fieldColumns, customColumns, width: header?.length ?? 0 };
}

/**
 * Turns the records of a tabular file (CSV/TSV rows or XLSX rows) into lines: skips rows above the header,
 * compiles the header, skips blank rows and rows already processed (`startAfterLine`), normalizes the rest.
 */
export class TabularRecords {
  private normalizer: LineNormalizer | undefined;
  private dataRecords = 0;
  private sawAnything = false;

  constructor(
    private readonly profile: MappingProfile,
    private readonly settings: NormalizerSettings,
    private readonly sink: LineSink,
    private readonly startAfterLine: number,
  ) {
    if (profile.headerRow === 0) this.normalizer = this.createNormalizer(compileColumns(profile, undefined));
  }

  /** Handles one record; bound so it can be passed as a callback. */
  readonly onRecord = (cells: string[], sourceLineNumber: number, raw: string): void => {
    if (sourceLineNumber < this.profile.headerRow) {
      this.sawAnything = true;
      return;
    }
    const normalizer = this.normalizer;
    if (normalizer === undefined) {
      this.sawAnything = true;
      this.normalizer = this.createNormalizer(compileColumns(this.profile, cells));
      return;
    }
    if (cells[0] === '' || cells.length === 1) {
      if (cells.every((value) => value.trim() === '')) return;
    }
    this.dataRecords++;
    if (sourceLineNumber <= this.startAfterLine) return;
    normalizer.normalize(cells, sourceLineNumber, raw);
  };

  /** Handles a line the tokenizer could not read as a record. */
  readonly onMalformed = (sourceLineNumber: number, raw: string, problem: LineProblem): void => {
    if (this.normalizer === undefined && sourceLineNumber >= this.profile.headerRow) {
      throw fileRejected(
        problem.code === 'line_too_long' ? 'too_large' : 'malformed',
        `the header on line ${sourceLineNumber} is malformed: ${problem.message}`,
      );
    }
    this.dataRecords++;
    if (sourceLineNumber <= this.startAfterLine) return;
    this.sink.reject({ sourceLineNumber, raw, reasons: [{ field: 'line', message: problem.message }] });
  };

  /** Refuses a file with no header or no data line once everything was read. */
  finish(): void {
    if (this.dataRecords > 0) return;
    if (this.normalizer === undefined || this.profile.headerRow === 0) {
      throw this.sawAnything
        ? fileRejected('header_only', 'the file has no header row at the expected line and no data lines')
        : fileRejected('empty_file', 'the file is empty');
    }
    throw fileRejected('header_only', 'the file has a header but no data lines');
  }

  private createNormalizer(columns: CompiledColumns): LineNormalizer {
    return this.profile.kind === 'pos'
      ? new SaleLineNormalizer(this.settings, columns, this.sink)
      : new InventoryLineNormalizer(this.settings, columns, this.sink);
  }
}
