import { postingsOfRun } from '../../../domain/ledger/ledger-queries';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { runPathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { runId } = pathParams(event, runPathSchema);
  return json(200, { items: await postingsOfRun(accruals.ledger, actorOf(event), runId) });
});
