import { decideDealRegistration } from '../../../domain/deal-registration/deal-registration-use-cases';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { registrationPathSchema, reviewDecisionSchema } from '../deal-registration-schemas';

/** A reviewer approves or rejects a submitted or in-review registration; a second decision is 409. */
export const handler = httpApi(async (event) => {
  const { registrationId } = pathParams(event, registrationPathSchema);
  const decision = jsonBody(event, reviewDecisionSchema);
  return json(200, await decideDealRegistration(dealRegistrations, actorOf(event), registrationId, decision));
});
