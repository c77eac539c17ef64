import { replayAccrualRun } from '../../../domain/accrual-runs/run-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { runPathSchema } from '../api-schemas';

/** Recomputes a completed run from what it recorded and compares it with the run. */
export const handler = httpApi(async (event) => {
  const { runId } = pathParams(event, runPathSchema);
  return json(200, await replayAccrualRun(accruals, actorOf(event), runId));
});
