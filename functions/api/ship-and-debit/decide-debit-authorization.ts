import { debitAuthorizationDecisionSchema } from '../../../domain/ship-and-debit/debit-authorization-requests';
import { decideDebitAuthorization } from '../../../domain/ship-and-debit/debit-authorization-use-cases';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { debitAuthorizationDeps } from '../../ship-and-debit/debit-authorization-deps';
import { debitAuthorizationPathSchema } from '../ship-and-debit-schemas';

/** An approver or channel manager approves (possibly on other terms) or rejects a request; once only (409). */
export const handler = httpApi(async (event) => {
  const { authorizationNumber } = pathParams(event, debitAuthorizationPathSchema);
  const decision = jsonBody(event, debitAuthorizationDecisionSchema);
  const deps = debitAuthorizationDeps;
  return json(200, await decideDebitAuthorization(deps, actorOf(event), authorizationNumber, decision));
});
