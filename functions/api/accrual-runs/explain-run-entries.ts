import { explainRunEntries } from '../../../domain/accrual-runs/run-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { runEntriesQuerySchema, runProgramPathSchema } from '../api-schemas';

/** A program's entries in a run, each with its full calculation trace. */
export const handler = httpApi(async (event) => {
  const path = pathParams(event, runProgramPathSchema);
  const { partnerId } = queryParams(event, runEntriesQuerySchema);
  return json(200, { items: await explainRunEntries(accruals, actorOf(event), { ...path, partnerId }) });
});
