import { debitAuthorizationRequestSchema } from '../../../domain/ship-and-debit/debit-authorization-requests';
import { requestDebitAuthorization } from '../../../domain/ship-and-debit/debit-authorization-use-cases';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { debitAuthorizationDeps } from '../../ship-and-debit/debit-authorization-deps';

/** A partner (for itself) or a channel manager (for a partner) requests special pricing: 201 `requested`. */
export const handler = httpApi(async (event) => {
  const request = jsonBody(event, debitAuthorizationRequestSchema);
  const authorization = await requestDebitAuthorization(debitAuthorizationDeps, actorOf(event), request);
  return json(201, authorization, {
    location: `/debit-authorizations/${authorization.authorizationNumber}`,
  });
});
