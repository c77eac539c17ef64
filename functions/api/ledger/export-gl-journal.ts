import { journalToCsv, journalToJson } from '../../../domain/ledger/journal-export';
import { glJournal } from '../../../domain/ledger/ledger-queries';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { glJournalQuerySchema } from '../api-schemas';

/** The balanced GL journal of an accounting-date range, as JSON or as CSV for an ERP import. */
export const handler = httpApi(async (event) => {
  const { format, ...filter } = queryParams(event, glJournalQuerySchema);
  const lines = await glJournal(accruals.ledger, actorOf(event), filter);
  if (format === 'json') return json(200, journalToJson(lines));
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="gl-journal-${filter.from}-${filter.to}.csv"`,
    },
    body: journalToCsv(lines),
  };
});
