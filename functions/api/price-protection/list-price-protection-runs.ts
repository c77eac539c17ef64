import { listPriceProtectionRuns } from '../../../domain/price-protection/run-queries';
import { priceProtectionDeps } from '../../price-protection/price-protection-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { pageQuerySchema } from '../api-schemas';

/** Price protection runs, oldest first (staff). */
export const handler = httpApi(async (event) => {
  const query = pageQuery(event, pageQuerySchema);
  return pageResponse(event, await listPriceProtectionRuns(priceProtectionDeps, actorOf(event), query));
});
