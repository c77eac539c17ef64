import { listPriceProtectionRecoveries } from '../../../domain/price-protection/recovery-queries';
import { priceProtectionDeps } from '../../price-protection/price-protection-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { priceProtectionClaimListQuerySchema } from '../price-protection-schemas';

/** Reverse price protection recoveries: a partner user's own, staff one partner's. */
export const handler = httpApi(async (event) => {
  const query = pageQuery(event, priceProtectionClaimListQuerySchema);
  return pageResponse(event, await listPriceProtectionRecoveries(priceProtectionDeps, actorOf(event), query));
});
