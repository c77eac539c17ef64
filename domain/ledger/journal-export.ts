import { csvDocument } from '../shared/csv-export';
import { type CurrencyTotals, type JournalLine, journalTotals } from './gl-journal';

const csvHeader = [
  'journalId',
  'lineNumber',
  'postedOn',
  'period',
  'account',
  'accountName',
  'debit',
  'credit',
  'currency',
  'fund',
  'businessUnit',
  'programId',
  'beneficiaryPartnerId',
  'partnerId',
  'postingId',
  'kind',
  'memo',
] as const satisfies readonly (keyof JournalLine)[];

/**
 * The journal as CSV for a GL import, one row per line. Memos carry text people typed (adjustment and
 * claim reasons), so cells a spreadsheet would run as a formula are escaped (see `csvCell`).
 */
export function journalToCsv(lines: readonly JournalLine[]): string {
  return csvDocument(
    csvHeader,
    lines.map((line) => csvHeader.map((column) => line[column])),
  );
}

/** One journal entry with its lines, as the JSON export returns it. */
export interface JournalEntryJson {
  readonly journalId: string;
  readonly postingId: string;
  readonly kind: JournalLine['kind'];
  readonly postedOn: string;
  readonly period: string;
  readonly fund: JournalLine['fund'];
  readonly currency: JournalLine['currency'];
  readonly programId: string;
  readonly beneficiaryPartnerId: string;
  readonly partnerId: string;
  readonly memo: string;
  readonly lines: readonly Pick<JournalLine, 'lineNumber' | 'account' | 'accountName' | 'debit' | 'credit'>[];
}

/** The JSON export: entries in journal order, and debit/credit totals per currency. */
export interface JournalJson {
  readonly entries: readonly JournalEntryJson[];
  readonly totals: readonly CurrencyTotals[];
}

/** Groups journal lines into entries (header fields once, then the lines) with per-currency totals. */
export function journalToJson(lines: readonly JournalLine[]): JournalJson {
  const entries = new Map<string, JournalEntryJson & { lines: JournalEntryJson['lines'][number][] }>();
  for (const line of lines) {
    const { lineNumber, account, accountName, debit, credit, ...header } = line;
    const entry = entries.get(line.journalId) ?? { ...header, lines: [] };
    entry.lines.push({ lineNumber, account, accountName, debit, credit });
    entries.set(line.journalId, entry);
  }
  return { entries: [...entries.values()], totals: journalTotals(lines) };
}
