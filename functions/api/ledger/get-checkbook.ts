import { checkbookOf } from '../../../domain/ledger/ledger-queries';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { checkbookQuerySchema, partnerPathSchema } from '../api-schemas';

/** A partner's checkbooks: earned, adjustments, claimed, paid and balance per program, fund and currency. */
export const handler = httpApi(async (event) => {
  const { partnerId } = pathParams(event, partnerPathSchema);
  const { programId } = queryParams(event, checkbookQuerySchema);
  return json(200, { items: await checkbookOf(accruals.ledger, actorOf(event), { partnerId, programId }) });
});
