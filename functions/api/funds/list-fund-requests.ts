import { listFundRequests } from '../../../domain/funds/fund-request-use-cases';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundRequestListQuerySchema } from '../fund-schemas';

/** Fund requests oldest first: a partner its own, staff all (of one partner or fund). */
export const handler = httpApi(async (event) => {
  const query = queryParams(event, fundRequestListQuerySchema);
  return json(200, { items: await listFundRequests(fundDeps, actorOf(event), query) });
});
