import { getAdjustment } from '../../../domain/ledger/adjustment-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { adjustmentPathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { adjustmentId } = pathParams(event, adjustmentPathSchema);
  return recordResponse(await getAdjustment(accruals, actorOf(event), adjustmentId));
});
