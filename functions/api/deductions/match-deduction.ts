import { matchDeductionToClaims } from '../../../domain/deductions/deduction-decisions';
import { deductions } from '../../deductions/deduction-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { deductionMatchSchema, deductionPathSchema } from '../deduction-schemas';

/** Finance matches a deduction to claims (one or a split); a lost race is 409. */
export const handler = httpApi(async (event) => {
  const { deductionId } = pathParams(event, deductionPathSchema);
  const { claims } = jsonBody(event, deductionMatchSchema);
  return json(200, await matchDeductionToClaims(deductions, actorOf(event), deductionId, claims));
});
