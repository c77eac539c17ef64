import { accrualRunRequestSchema } from '../../../domain/accrual-runs/accrual-run';
import { requestAccrualRun } from '../../../domain/accrual-runs/run-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';

/** Starts an on-demand run; poll GET /accrual-runs/{runId} for its outcome. */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const request = jsonBody(event, accrualRunRequestSchema);
  return recordResponse(await requestAccrualRun(accruals, actor, request), 202);
});
