import { listClaims } from '../../../domain/claims/claim-queries';
import { claimDeps } from '../../claims/claim-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { claimListQuerySchema } from '../claim-schemas';

/** Claims oldest first: a partner user's own, staff every partner's, filtered by status, partner, program. */
export const handler = httpApi(async (event) => {
  const query = pageQuery(event, claimListQuerySchema);
  return pageResponse(event, await listClaims(claimDeps, actorOf(event), query));
});
