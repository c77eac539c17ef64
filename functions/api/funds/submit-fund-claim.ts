import { submitFundClaim } from '../../../domain/funds/fund-claim-use-cases';
import { fundClaimInputSchema } from '../../../domain/funds/proof-of-performance';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundRequestPathSchema } from '../fund-schemas';

/** Proof of performance against an approved request: 201 with the claim, in review. */
export const handler = httpApi(async (event) => {
  const { requestId } = pathParams(event, fundRequestPathSchema);
  const claim = await submitFundClaim(
    fundDeps,
    actorOf(event),
    requestId,
    jsonBody(event, fundClaimInputSchema),
  );
  return json(201, claim, { location: `/fund-claims/${claim.fundClaimId}` });
});
