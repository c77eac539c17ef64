import { submitBulkClaims } from '../../../domain/claims/bulk-claims';
import { claimDeps } from '../../claims/claim-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { bulkClaimRequestSchema } from '../claim-schemas';

/** Finance claims every beneficiary's available balance of one program period, one claim each. */
export const handler = httpApi(async (event) => {
  const input = jsonBody(event, bulkClaimRequestSchema);
  return json(200, await submitBulkClaims(claimDeps, actorOf(event), input));
});
