import { listPrograms } from '../../../domain/programs/program-lifecycle';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { pageResponse } from '../../shared/http/response';
import { programListQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { status, ...page } = queryParams(event, programListQuerySchema);
  return pageResponse(await listPrograms(accruals, actorOf(event), { ...page, group: status }));
});
