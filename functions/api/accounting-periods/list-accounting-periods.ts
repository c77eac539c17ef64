import { listAccountingPeriods } from '../../../domain/ledger/accounting-period-use-cases';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { pageQuerySchema } from '../api-schemas';

/** Accounting months ever closed, with status and audit history; months not listed are open. */
export const handler = httpApi(async (event) =>
  pageResponse(
    event,
    await listAccountingPeriods(accruals, actorOf(event), pageQuery(event, pageQuerySchema)),
  ),
);
