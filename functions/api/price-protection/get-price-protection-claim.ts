import { getPriceProtectionClaim } from '../../../domain/price-protection/partner-review';
import { priceProtectionDeps } from '../../price-protection/price-protection-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { claimPathSchema } from '../claim-schemas';

/** One price protection claim with its figures; another partner's is a 404. */
export const handler = httpApi(async (event) => {
  const { claimId } = pathParams(event, claimPathSchema);
  return json(200, await getPriceProtectionClaim(priceProtectionDeps, actorOf(event), claimId));
});
