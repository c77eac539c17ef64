import type { JournalLine } from '../../../domain/ledger/gl-journal';
import { journalToCsv, journalToJson } from '../../../domain/ledger/journal-export';
import { type ApiResponse, json } from '../../shared/http/response';

/** A journal as JSON, or as a CSV download named `<name>.csv` for an ERP import. */
export function journalResponse(
  lines: readonly JournalLine[],
  format: 'csv' | 'json',
  name: string,
): ApiResponse {
  if (format === 'json') return json(200, journalToJson(lines));
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}.csv"`,
    },
    body: journalToCsv(lines),
  };
}
