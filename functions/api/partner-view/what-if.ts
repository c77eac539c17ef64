import { partnerWhatIf } from '../../../domain/accrual-runs/partner-progress';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { partnerPathSchema, whatIfSchema } from '../api-schemas';

/** "If I sell X more of category Y": earned and tiers now and with the sale, per program. */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const { partnerId } = pathParams(event, partnerPathSchema);
  const { asOf, ...sale } = jsonBody(event, whatIfSchema);
  const day = asOf ?? accruals.clock().toISOString().slice(0, 10);
  return json(200, {
    asOf: day,
    items: await partnerWhatIf(accruals, actor, { partnerId, asOf: day, sale }),
  });
});
