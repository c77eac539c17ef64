import { getAccrualRun } from '../../../domain/accrual-runs/run-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { runPathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { runId } = pathParams(event, runPathSchema);
  return recordResponse(await getAccrualRun(accruals, actorOf(event), runId));
});
