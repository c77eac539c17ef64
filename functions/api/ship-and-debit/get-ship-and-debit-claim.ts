import { getShipAndDebitClaimWithReversals } from '../../../domain/ship-and-debit/bill-back-queries';
import { shipAndDebitClaimView } from '../../../domain/ship-and-debit/ship-and-debit-claim';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { shipAndDebitClaimDeps } from '../../ship-and-debit/ship-and-debit-claim-deps';
import { shipAndDebitClaimPathSchema } from '../ship-and-debit-schemas';

/** One ship & debit claim with every line's outcome and what bill-backs reversed; another partner's is a 404. */
export const handler = httpApi(async (event) => {
  const { shipAndDebitClaimId: claimId } = pathParams(event, shipAndDebitClaimPathSchema);
  const { claim, reversals } = await getShipAndDebitClaimWithReversals(
    shipAndDebitClaimDeps,
    actorOf(event),
    claimId,
  );
  return json(200, { ...shipAndDebitClaimView(claim), reversals });
});
