import { getPriceProtectionRun } from '../../../domain/price-protection/run-queries';
import { priceProtectionDeps } from '../../price-protection/price-protection-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { priceProtectionRunPathSchema } from '../price-protection-schemas';

/** One run with its lines and claims (staff). */
export const handler = httpApi(async (event) => {
  const { runId } = pathParams(event, priceProtectionRunPathSchema);
  return json(200, await getPriceProtectionRun(priceProtectionDeps, actorOf(event), runId));
});
