import { getDeduction } from '../../../domain/deductions/deduction-queries';
import { deductions } from '../../deductions/deduction-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { deductionPathSchema } from '../deduction-schemas';

export const handler = httpApi(async (event) => {
  const { deductionId } = pathParams(event, deductionPathSchema);
  return json(200, await getDeduction(deductions, actorOf(event), deductionId));
});
