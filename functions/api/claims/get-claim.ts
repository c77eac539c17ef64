import { getClaim } from '../../../domain/claims/claim-queries';
import { claimDeps } from '../../claims/claim-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { claimPathSchema } from '../claim-schemas';

/** One claim; another partner's is a 404. */
export const handler = httpApi(async (event) => {
  const { claimId } = pathParams(event, claimPathSchema);
  return json(200, await getClaim(claimDeps, actorOf(event), claimId));
});
