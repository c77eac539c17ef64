import { listFundClaims } from '../../../domain/funds/fund-claim-use-cases';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundClaimListQuerySchema } from '../fund-schemas';

/** Proof-of-performance claims oldest first: a partner its own, staff all (`status=submitted`: the review inbox). */
export const handler = httpApi(async (event) => {
  const query = queryParams(event, fundClaimListQuerySchema);
  return json(200, { items: await listFundClaims(fundDeps, actorOf(event), query) });
});
