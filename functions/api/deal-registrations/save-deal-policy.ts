import { saveDealPolicy } from '../../../domain/deal-registration/house-account-use-cases';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { dealPolicyPathSchema, dealPolicyRequestSchema } from '../deal-registration-schemas';

/** Admin: sets a program's deal-registration policy (conflict rule, protection and extension days). */
export const handler = httpApi(async (event) => {
  const { programId } = pathParams(event, dealPolicyPathSchema);
  const policy = jsonBody(event, dealPolicyRequestSchema);
  return json(200, await saveDealPolicy(dealRegistrations, actorOf(event), programId, policy));
});
