import {
  accountingPeriodReopenSchema,
  reopenAccountingPeriod,
} from '../../../domain/ledger/accounting-period-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { accountingMonthPathSchema } from '../api-schemas';

/** An admin reopens a closed accounting month, giving the reason. */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const { month } = pathParams(event, accountingMonthPathSchema);
  const { reason } = jsonBody(event, accountingPeriodReopenSchema);
  return recordResponse(await reopenAccountingPeriod(accruals, actor, { month, reason }));
});
