import { debitAuthorizationCancellationSchema } from '../../../domain/ship-and-debit/debit-authorization-requests';
import { cancelDebitAuthorizationByStaff } from '../../../domain/ship-and-debit/debit-authorization-use-cases';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { debitAuthorizationDeps } from '../../ship-and-debit/debit-authorization-deps';
import { debitAuthorizationPathSchema } from '../ship-and-debit-schemas';

/** Staff cancel an authorization: later claim lines on it are rejected with 901 code 23. */
export const handler = httpApi(async (event) => {
  const { authorizationNumber } = pathParams(event, debitAuthorizationPathSchema);
  const { reason } = jsonBody(event, debitAuthorizationCancellationSchema);
  const deps = debitAuthorizationDeps;
  return json(200, await cancelDebitAuthorizationByStaff(deps, actorOf(event), authorizationNumber, reason));
});
