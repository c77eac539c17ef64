import { reviewFundClaim } from '../../../domain/funds/fund-claim-use-cases';
import { fundClaimReviewSchema } from '../../../domain/funds/proof-of-performance';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundClaimPathSchema } from '../fund-schemas';

/** A reviewer approves, partially approves or rejects a claim; approval settles it for payment. */
export const handler = httpApi(async (event) => {
  const { fundClaimId } = pathParams(event, fundClaimPathSchema);
  const review = jsonBody(event, fundClaimReviewSchema);
  return json(200, await reviewFundClaim(fundDeps, actorOf(event), fundClaimId, review));
});
