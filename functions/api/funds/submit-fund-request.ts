import { fundRequestInputSchema } from '../../../domain/funds/fund-request';
import { submitFundRequestOnce } from '../../../domain/funds/fund-request-use-cases';
import { approvalWorkflow } from '../../approvals/request-approval-starter';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { RequestError } from '../../shared/http/request-error';
import { json } from '../../shared/http/response';

const deps = { ...fundDeps, approvalWorkflow };
const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

/**
 * A partner asks for pre-approval of an activity against its own fund: 201 `submitted`, its approval
 * workflow started; 200 with the request a repeated submit made (same Idempotency-Key).
 */
export const handler = httpApi(async (event) => {
  const input = jsonBody(event, fundRequestInputSchema);
  const idempotencyKey = event.headers['idempotency-key'];
  if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
    throw new RequestError(400, 'The Idempotency-Key header is invalid', [
      { path: 'header.idempotency-key', message: 'must be 1-200 visible ASCII characters' },
    ]);
  }
  const { request, created } = await submitFundRequestOnce(deps, actorOf(event), input, idempotencyKey);
  return json(created ? 201 : 200, request, { location: `/fund-requests/${request.requestId}` });
});
