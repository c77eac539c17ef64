import { runJournal } from '../../../domain/ledger/ledger-queries';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { journalFormatQuerySchema, runPathSchema } from '../api-schemas';
import { journalResponse } from './journal-response';

/** The balanced GL journal of one run's postings. */
export const handler = httpApi(async (event) => {
  const { runId } = pathParams(event, runPathSchema);
  const { format } = queryParams(event, journalFormatQuerySchema);
  return journalResponse(
    await runJournal(accruals.ledger, actorOf(event), runId),
    format,
    `gl-journal-${runId}`,
  );
});
