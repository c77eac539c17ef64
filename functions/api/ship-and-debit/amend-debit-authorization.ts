import { debitAuthorizationAmendmentSchema } from '../../../domain/ship-and-debit/debit-authorization-requests';
import { amendDebitAuthorizationTerms } from '../../../domain/ship-and-debit/debit-authorization-use-cases';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { debitAuthorizationDeps } from '../../ship-and-debit/debit-authorization-deps';
import { debitAuthorizationPathSchema } from '../ship-and-debit-schemas';

/** Staff amend an approved authorization: a new version, the previous terms kept in its history. */
export const handler = httpApi(async (event) => {
  const { authorizationNumber } = pathParams(event, debitAuthorizationPathSchema);
  const amendment = jsonBody(event, debitAuthorizationAmendmentSchema);
  const deps = debitAuthorizationDeps;
  return json(200, await amendDebitAuthorizationTerms(deps, actorOf(event), authorizationNumber, amendment));
});
