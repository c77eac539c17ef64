import { answerReturnedClaim } from '../../../domain/approvals/approval-use-cases';
import { approvals } from '../../approvals/approvals';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { claimAnswerSchema, returnedClaimPathSchema } from '../api-schemas';

/** The partner answers the question of a returned claim; its approval resumes at the level that asked. */
export const handler = httpApi(async (event) => {
  const { claimId } = pathParams(event, returnedClaimPathSchema);
  const { answer } = jsonBody(event, claimAnswerSchema);
  return json(200, await answerReturnedClaim(approvals, actorOf(event), { claimId, answer }));
});
