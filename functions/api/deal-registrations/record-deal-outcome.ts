import { recordDealOutcome } from '../../../domain/deal-registration/deal-protection-use-cases';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { dealOutcomeSchema, registrationPathSchema } from '../deal-registration-schemas';

/** The registrant (or a channel manager) marks a protected deal won or lost. */
export const handler = httpApi(async (event) => {
  const { registrationId } = pathParams(event, registrationPathSchema);
  const outcome = jsonBody(event, dealOutcomeSchema);
  return json(200, await recordDealOutcome(dealRegistrations, actorOf(event), registrationId, outcome));
});
