import { listPrograms } from '../../../domain/programs/program-lifecycle';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { programListQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { status, ...page } = pageQuery(event, programListQuerySchema);
  return pageResponse(event, await listPrograms(accruals, actorOf(event), { ...page, group: status }));
});
