import { debitAuthorizationRequestSchema } from '../../../domain/ship-and-debit/debit-authorization-requests';
import { requestDebitAuthorization } from '../../../domain/ship-and-debit/debit-authorization-use-cases';
import { approvalWorkflow } from '../../approvals/request-approval-starter';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { debitAuthorizationDeps } from '../../ship-and-debit/debit-authorization-deps';

const deps = { ...debitAuthorizationDeps, approvalWorkflow };

/**
 * A partner (for itself) or a channel manager (for a partner) requests special pricing: 201 `requested`,
 * its approval workflow started (the decision waits in the approvals inbox).
 */
export const handler = httpApi(async (event) => {
  const request = jsonBody(event, debitAuthorizationRequestSchema);
  const authorization = await requestDebitAuthorization(deps, actorOf(event), request);
  return json(201, authorization, {
    location: `/debit-authorizations/${authorization.authorizationNumber}`,
  });
});
