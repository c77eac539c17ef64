import { fundRoi } from '../../../domain/funds/fund-roi';
import { fundChannelSales, fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundListQuerySchema } from '../fund-schemas';

/** ROI per activity type: POS sales on the funded activities' days against the same days a year earlier. */
export const handler = httpApi(async (event) => {
  const query = queryParams(event, fundListQuerySchema);
  return json(200, await fundRoi({ funds: fundDeps.funds, sales: fundChannelSales }, actorOf(event), query));
});
