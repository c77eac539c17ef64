import { decideExtension } from '../../../domain/deal-registration/deal-protection-use-cases';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { registrationPathSchema, reviewDecisionSchema } from '../deal-registration-schemas';

/** A reviewer grants (extended) or refuses (approved as before) the requested extension. */
export const handler = httpApi(async (event) => {
  const { registrationId } = pathParams(event, registrationPathSchema);
  const decision = jsonBody(event, reviewDecisionSchema);
  return json(200, await decideExtension(dealRegistrations, actorOf(event), registrationId, decision));
});
