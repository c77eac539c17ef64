import { getDealPolicy } from '../../../domain/deal-registration/house-account-use-cases';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { dealPolicyPathSchema } from '../deal-registration-schemas';

/** Staff: a program's deal-registration policy (the default when it has none). */
export const handler = httpApi(async (event) => {
  const { programId } = pathParams(event, dealPolicyPathSchema);
  return json(200, await getDealPolicy(dealRegistrations, actorOf(event), programId));
});
