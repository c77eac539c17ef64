import { getFundRequest } from '../../../domain/funds/fund-request-use-cases';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundRequestPathSchema } from '../fund-schemas';

/** One fund request with its audit trail; another partner's is a 404. */
export const handler = httpApi(async (event) => {
  const { requestId } = pathParams(event, fundRequestPathSchema);
  return json(200, await getFundRequest(fundDeps, actorOf(event), requestId));
});
