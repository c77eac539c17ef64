import { shipAndDebitClaimView } from '../../../domain/ship-and-debit/ship-and-debit-claim';
import { listShipAndDebitClaims } from '../../../domain/ship-and-debit/ship-and-debit-claim-queries';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { shipAndDebitClaimDeps } from '../../ship-and-debit/ship-and-debit-claim-deps';
import { shipAndDebitListQuerySchema } from '../ship-and-debit-schemas';

/** Ship & debit claims, oldest first: a partner user's own, staff every partner's. */
export const handler = httpApi(async (event) => {
  const query = pageQuery(event, shipAndDebitListQuerySchema);
  const page = await listShipAndDebitClaims(shipAndDebitClaimDeps, actorOf(event), query);
  return pageResponse(event, { ...page, items: page.items.map(shipAndDebitClaimView) });
});
