import { listAccrualRuns } from '../../../domain/accrual-runs/run-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { pageQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) =>
  pageResponse(event, await listAccrualRuns(accruals, actorOf(event), pageQuery(event, pageQuerySchema))),
);
