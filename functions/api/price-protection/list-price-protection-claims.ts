import { listPriceProtectionClaims } from '../../../domain/price-protection/partner-review';
import { priceProtectionDeps } from '../../price-protection/price-protection-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { priceProtectionClaimListQuerySchema } from '../price-protection-schemas';

/** Price protection claims: a partner user's own, staff one partner's. */
export const handler = httpApi(async (event) => {
  const query = pageQuery(event, priceProtectionClaimListQuerySchema);
  return pageResponse(event, await listPriceProtectionClaims(priceProtectionDeps, actorOf(event), query));
});
