import { getFundClaim } from '../../../domain/funds/fund-claim-use-cases';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundClaimPathSchema } from '../fund-schemas';

/** One proof-of-performance claim; another partner's is a 404. */
export const handler = httpApi(async (event) => {
  const { fundClaimId } = pathParams(event, fundClaimPathSchema);
  return json(200, await getFundClaim(fundDeps, actorOf(event), fundClaimId));
});
