import { approveAdjustment, rejectAdjustment } from '../../../domain/ledger/adjustment-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { ifMatchVersion, jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { adjustmentDecisionSchema, adjustmentPathSchema } from '../api-schemas';

/** Approves (and posts) or rejects a requested adjustment. */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const { adjustmentId } = pathParams(event, adjustmentPathSchema);
  const expectedVersion = ifMatchVersion(event);
  const decision = jsonBody(event, adjustmentDecisionSchema);
  const decided =
    decision.decision === 'approve'
      ? await approveAdjustment(accruals, actor, { adjustmentId, expectedVersion })
      : await rejectAdjustment(accruals, actor, { adjustmentId, expectedVersion, reason: decision.reason });
  return recordResponse(decided);
});
