import { getDebitAuthorization } from '../../../domain/ship-and-debit/debit-authorization-use-cases';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { debitAuthorizationDeps } from '../../ship-and-debit/debit-authorization-deps';
import { debitAuthorizationPathSchema } from '../ship-and-debit-schemas';

/** One authorization with its history and remaining quantities; another partner's is a 404. */
export const handler = httpApi(async (event) => {
  const { authorizationNumber } = pathParams(event, debitAuthorizationPathSchema);
  return json(200, await getDebitAuthorization(debitAuthorizationDeps, actorOf(event), authorizationNumber));
});
