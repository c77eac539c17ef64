import { listNearTierAlerts } from '../../../domain/accrual-runs/near-tier-alerts';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { nearTierAlertQuerySchema } from '../near-tier-schemas';

/** Partners near their next tier after the latest runs: all for staff, its own for a partner. */
export const handler = httpApi(async (event) => {
  const { programId, partnerId, ...page } = pageQuery(event, nearTierAlertQuerySchema);
  return pageResponse(
    event,
    await listNearTierAlerts(accruals, actorOf(event), { programId, partnerId }, page),
  );
});
