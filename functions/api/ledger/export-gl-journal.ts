import { glJournal } from '../../../domain/ledger/ledger-queries';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { glJournalQuerySchema } from '../api-schemas';
import { journalResponse } from './journal-response';

/** The balanced GL journal of an accounting-date range, as JSON or as CSV for an ERP import. */
export const handler = httpApi(async (event) => {
  const { format, ...filter } = queryParams(event, glJournalQuerySchema);
  const lines = await glJournal(accruals.ledger, actorOf(event), filter);
  return journalResponse(lines, format, `gl-journal-${filter.from}-${filter.to}`);
});
