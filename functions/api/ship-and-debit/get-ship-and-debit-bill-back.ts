import { getBillBack } from '../../../domain/ship-and-debit/bill-back-queries';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { shipAndDebitClaimDeps } from '../../ship-and-debit/ship-and-debit-claim-deps';
import { billBackPathSchema } from '../ship-and-debit-schemas';

/** One bill-back with the claim lines it reversed; another partner's is a 404. */
export const handler = httpApi(async (event) => {
  const { billBackId } = pathParams(event, billBackPathSchema);
  return json(200, await getBillBack(shipAndDebitClaimDeps, actorOf(event), billBackId));
});
