import { getPriceProtectionRecovery } from '../../../domain/price-protection/recovery-queries';
import { priceProtectionDeps } from '../../price-protection/price-protection-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import {
  priceProtectionRecoveryQuerySchema,
  priceProtectionRunPathSchema,
} from '../price-protection-schemas';

/** A partner's recovery of one run; another partner's is a 404. */
export const handler = httpApi(async (event) => {
  const { runId } = pathParams(event, priceProtectionRunPathSchema);
  const { partnerId } = queryParams(event, priceProtectionRecoveryQuerySchema);
  return json(
    200,
    await getPriceProtectionRecovery(priceProtectionDeps, actorOf(event), { runId, partnerId }),
  );
});
