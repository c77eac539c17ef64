import { CsvTokenizer } from '../ingestion/csv-tokenizer';
import { BusinessRuleError } from '../shared/errors';
import { type DeductionLine, deductionLineSchema } from './deduction';

const columns = ['partner', 'invoice', 'amount', 'currency', 'reason', 'reference'] as const;

/** A line of the import that was not taken, with every reason (field and message) a person can act on. */
export interface RejectedDeductionLine {
  readonly lineNumber: number;
  readonly raw: string;
  readonly reasons: readonly { readonly field: string; readonly message: string }[];
}

export interface ParsedDeductions {
  readonly lines: readonly { readonly lineNumber: number; readonly line: DeductionLine }[];
  readonly rejected: readonly RejectedDeductionLine[];
}

/**
 * Reads the receivables system's CSV (header `partner,invoice,amount,currency,reason,reference`, any column
 * order). Good lines are taken, bad ones rejected with their reasons: one bad line never loses the others.
 * A missing column is the file's fault, so the whole import is refused.
 */
export function parseDeductionCsv(text: string): ParsedDeductions {
  const lines: { lineNumber: number; line: DeductionLine }[] = [];
  const rejected: RejectedDeductionLine[] = [];
  let positions: number[] | undefined;
  const tokenizer = new CsvTokenizer(
    ',',
    1,
    (cells, lineNumber, raw) => {
      if (positions === undefined) {
        const header = cells.map((cell) => cell.trim().toLowerCase());
        const missing = columns.filter((column) => !header.includes(column));
        if (missing.length > 0) throw new BusinessRuleError(`The CSV has no column ${missing.join(', ')}`);
        positions = columns.map((column) => header.indexOf(column));
        return;
      }
      if (cells.every((cell) => cell.trim() === '')) return;
      const at = positions;
      const record = Object.fromEntries(
        columns.map((column, index) => [column, cells[at[index] as number] ?? '']),
      );
      const parsed = deductionLineSchema.safeParse(record);
      if (parsed.success) lines.push({ lineNumber, line: parsed.data });
      else {
        const reasons = parsed.error.issues.map((issue) => ({
          field: String(issue.path[0] ?? ''),
          message: issue.message,
        }));
        rejected.push({ lineNumber, raw, reasons });
      }
    },
    (lineNumber, raw, problem) => {
      rejected.push({ lineNumber, raw, reasons: [{ field: '', message: problem.message }] });
    },
  );
  tokenizer.push(text);
  tokenizer.end();
  if (positions === undefined) throw new BusinessRuleError('The CSV is empty: it needs a header line');
  return { lines, rejected };
}
