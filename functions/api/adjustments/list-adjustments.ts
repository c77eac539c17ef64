import { listAdjustments } from '../../../domain/ledger/adjustment-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { adjustmentListQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { status, ...page } = pageQuery(event, adjustmentListQuerySchema);
  return pageResponse(event, await listAdjustments(accruals, actorOf(event), { ...page, group: status }));
});
