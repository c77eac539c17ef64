import { listBillBacks } from '../../../domain/ship-and-debit/bill-back-queries';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { shipAndDebitClaimDeps } from '../../ship-and-debit/ship-and-debit-claim-deps';
import { shipAndDebitListQuerySchema } from '../ship-and-debit-schemas';

/** Bill-backs, oldest first: a partner user's own, staff every partner's. */
export const handler = httpApi(async (event) => {
  const query = pageQuery(event, shipAndDebitListQuerySchema);
  return pageResponse(event, await listBillBacks(shipAndDebitClaimDeps, actorOf(event), query));
});
