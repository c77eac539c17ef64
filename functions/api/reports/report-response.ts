import { csvDocument } from '../../../domain/shared/csv-export';
import { type ApiResponse, json } from '../../shared/http/response';

/**
 * A report as JSON (`body`), or its main table as a CSV download `<name>.csv`: one row per item of `rows`,
 * the columns in the order given.
 */
export function reportResponse<Row extends object>(
  format: 'json' | 'csv',
  body: unknown,
  table: {
    readonly rows: readonly Row[];
    readonly columns: readonly (keyof Row & string)[];
    readonly name: string;
  },
): ApiResponse {
  if (format === 'json') return json(200, body);
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${table.name}.csv"`,
    },
    body: csvDocument(
      table.columns,
      table.rows.map((row) => table.columns.map((column) => row[column])),
    ),
  };
}
