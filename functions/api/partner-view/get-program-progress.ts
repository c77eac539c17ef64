import { partnerProgress } from '../../../domain/accrual-runs/partner-progress';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { partnerPathSchema, partnerProgressQuerySchema } from '../api-schemas';

/** The partner view: programs in force, earned so far, tier reached, next tier and the gap to it. */
export const handler = httpApi(async (event) => {
  const { partnerId } = pathParams(event, partnerPathSchema);
  const { asOf } = queryParams(event, partnerProgressQuerySchema);
  const today = accruals.clock().toISOString().slice(0, 10);
  const items = await partnerProgress(accruals, actorOf(event), { partnerId, asOf: asOf ?? today });
  return json(200, { asOf: asOf ?? today, items });
});
