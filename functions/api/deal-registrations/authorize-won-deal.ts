import {
  authorizeWonDeal,
  wonDealAuthorizationSchema,
} from '../../../domain/deal-registration/won-deal-authorization';
import { approvalWorkflow } from '../../approvals/request-approval-starter';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { debitAuthorizationDeps } from '../../ship-and-debit/debit-authorization-deps';
import { registrationPathSchema } from '../deal-registration-schemas';

/** A channel manager turns a won registration into its debit authorization: 201 new, 200 the one it has. */
export const handler = httpApi(async (event) => {
  const { registrationId } = pathParams(event, registrationPathSchema);
  const terms = jsonBody(event, wonDealAuthorizationSchema);
  const { authorization, created } = await authorizeWonDeal(
    { deals: dealRegistrations, authorizations: { ...debitAuthorizationDeps, approvalWorkflow } },
    actorOf(event),
    { registrationId, terms },
  );
  return json(created ? 201 : 200, authorization, {
    location: `/debit-authorizations/${authorization.authorizationNumber}`,
  });
});
