import { requestAdjustment } from '../../../domain/ledger/adjustment-use-cases';
import { manualAdjustmentRequestSchema } from '../../../domain/ledger/manual-adjustment';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';

/** Finance asks for a manual increase or decrease of earned; it posts once someone else approves it. */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const request = jsonBody(event, manualAdjustmentRequestSchema);
  return recordResponse(await requestAdjustment(accruals, actor, request), 201);
});
