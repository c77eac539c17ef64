import { getFund } from '../../../domain/funds/allocate-fund';
import { fundView } from '../../../domain/funds/fund-schemas';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundPathSchema } from '../fund-schemas';

/** One fund with its balances; another partner's is a 404. */
export const handler = httpApi(async (event) => {
  const { fundId } = pathParams(event, fundPathSchema);
  return json(200, fundView(await getFund(fundDeps, actorOf(event), fundId)));
});
