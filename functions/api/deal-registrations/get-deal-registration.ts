import { getDealRegistration } from '../../../domain/deal-registration/deal-registration-queries';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { registrationPathSchema } from '../deal-registration-schemas';

export const handler = httpApi(async (event) => {
  const { registrationId } = pathParams(event, registrationPathSchema);
  return json(200, await getDealRegistration(dealRegistrations, actorOf(event), registrationId));
});
