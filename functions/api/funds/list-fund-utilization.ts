import { fundsUtilization } from '../../../domain/funds/fund-utilization';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundListQuerySchema } from '../fund-schemas';

/** Utilization of every fund the caller may see (a partner its own), optionally of one partner. */
export const handler = httpApi(async (event) => {
  const query = queryParams(event, fundListQuerySchema);
  return json(200, { items: await fundsUtilization(fundDeps, actorOf(event), query) });
});
