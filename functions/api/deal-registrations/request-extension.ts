import { requestExtension } from '../../../domain/deal-registration/deal-protection-use-cases';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { extensionRequestSchema, registrationPathSchema } from '../deal-registration-schemas';

/** The registrant asks once for a longer protection, logging its activity. */
export const handler = httpApi(async (event) => {
  const { registrationId } = pathParams(event, registrationPathSchema);
  const request = jsonBody(event, extensionRequestSchema);
  return json(200, await requestExtension(dealRegistrations, actorOf(event), registrationId, request));
});
