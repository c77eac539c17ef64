import { billBackReturns } from '../../../domain/ship-and-debit/bill-back-returns';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { shipAndDebitClaimDeps } from '../../ship-and-debit/ship-and-debit-claim-deps';
import { billBackDetectionSchema } from '../ship-and-debit-schemas';

/** Staff bill back a partner's POS returns in a date range: one bill-back per return line, once. */
export const handler = httpApi(async (event) => {
  const input = jsonBody(event, billBackDetectionSchema);
  return json(200, await billBackReturns(shipAndDebitClaimDeps, actorOf(event), input));
});
