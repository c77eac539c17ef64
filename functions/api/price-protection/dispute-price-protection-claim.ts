import { disputePriceProtectionClaim, disputeSchema } from '../../../domain/price-protection/partner-review';
import { priceProtectionDeps } from '../../price-protection/price-protection-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { claimPathSchema } from '../claim-schemas';

/** The partner disputes its generated claim; a person decides it in approval. */
export const handler = httpApi(async (event) => {
  const { claimId } = pathParams(event, claimPathSchema);
  const { reason } = jsonBody(event, disputeSchema);
  return json(
    200,
    await disputePriceProtectionClaim(priceProtectionDeps, actorOf(event), { claimId, reason }),
  );
});
