import { claimRequestSchema } from '../../../domain/claims/claim-request';
import { submitClaim } from '../../../domain/claims/submit-claim';
import { claimDeps } from '../../claims/claim-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { RequestError } from '../../shared/http/request-error';
import { json } from '../../shared/http/response';

const idempotencyKeyPattern = /^[\x21-\x7e]{1,200}$/;

/**
 * Submits a claim: 201 with the stored claim, `validated` (reserved) or `validationFailed` (with its
 * reasons); 200 with the claim a repeated submit made (same Idempotency-Key, or the same claim again).
 */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const request = jsonBody(event, claimRequestSchema);
  const idempotencyKey = event.headers['idempotency-key'];
  if (idempotencyKey !== undefined && !idempotencyKeyPattern.test(idempotencyKey)) {
    throw new RequestError(400, 'The Idempotency-Key header is invalid', [
      { path: 'header.idempotency-key', message: 'must be 1-200 visible ASCII characters' },
    ]);
  }
  const { claim, created } = await submitClaim(claimDeps, actor, { request, idempotencyKey });
  return json(created ? 201 : 200, claim, { location: `/claims/${claim.claimId}` });
});
