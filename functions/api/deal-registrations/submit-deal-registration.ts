import { submitDealRegistration } from '../../../domain/deal-registration/deal-registration-use-cases';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { registrationPathSchema } from '../deal-registration-schemas';

/** Submits a draft: the conflict check decides submitted, inReview or rejected; a repeat answers the same. */
export const handler = httpApi(async (event) => {
  const { registrationId } = pathParams(event, registrationPathSchema);
  return json(200, await submitDealRegistration(dealRegistrations, actorOf(event), registrationId));
});
