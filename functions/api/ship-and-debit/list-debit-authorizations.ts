import { listDebitAuthorizations } from '../../../domain/ship-and-debit/debit-authorization-use-cases';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { debitAuthorizationDeps } from '../../ship-and-debit/debit-authorization-deps';
import { shipAndDebitListQuerySchema } from '../ship-and-debit-schemas';

/** Debit authorizations, oldest request first: a partner user's own, staff every partner's. */
export const handler = httpApi(async (event) => {
  const query = pageQuery(event, shipAndDebitListQuerySchema);
  return pageResponse(event, await listDebitAuthorizations(debitAuthorizationDeps, actorOf(event), query));
});
