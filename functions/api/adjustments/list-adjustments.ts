import { listAdjustments } from '../../../domain/ledger/adjustment-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { pageResponse } from '../../shared/http/response';
import { adjustmentListQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { status, ...page } = queryParams(event, adjustmentListQuerySchema);
  return pageResponse(await listAdjustments(accruals, actorOf(event), { ...page, group: status }));
});
