import { listFunds } from '../../../domain/funds/allocate-fund';
import { fundView } from '../../../domain/funds/fund-schemas';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundListQuerySchema } from '../fund-schemas';

/** Funds oldest first: a partner its own, staff all or one partner's. */
export const handler = httpApi(async (event) => {
  const funds = await listFunds(fundDeps, actorOf(event), queryParams(event, fundListQuerySchema));
  return json(200, { items: funds.map(fundView) });
});
