import {
  accountingPeriodCloseSchema,
  closeAccountingPeriod,
} from '../../../domain/ledger/accounting-period-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { accountingMonthPathSchema } from '../api-schemas';

/** Finance closes an accounting month: nothing is posted dated into it afterwards. */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const { month } = pathParams(event, accountingMonthPathSchema);
  const { reason } = jsonBody(event, accountingPeriodCloseSchema);
  return recordResponse(await closeAccountingPeriod(accruals, actor, { month, reason }));
});
