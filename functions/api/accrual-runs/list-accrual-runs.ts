import { listAccrualRuns } from '../../../domain/accrual-runs/run-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { pageResponse } from '../../shared/http/response';
import { pageQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) =>
  pageResponse(await listAccrualRuns(accruals, actorOf(event), queryParams(event, pageQuerySchema))),
);
