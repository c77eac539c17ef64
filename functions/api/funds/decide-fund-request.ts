import { decideFundRequest, fundRequestDecisionSchema } from '../../../domain/funds/fund-request-use-cases';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundRequestPathSchema } from '../fund-schemas';

/** An approver approves (reserving the amount) or rejects a request; a second decision is a 409. */
export const handler = httpApi(async (event) => {
  const { requestId } = pathParams(event, fundRequestPathSchema);
  const decision = jsonBody(event, fundRequestDecisionSchema);
  return json(200, await decideFundRequest(fundDeps, actorOf(event), requestId, decision));
});
