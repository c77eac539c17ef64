import { withReservations } from '../../../domain/claims/checkbook-reservations';
import { checkbookOf } from '../../../domain/ledger/ledger-queries';
import { accruals } from '../../accruals/accrual-deps';
import { claimDeps } from '../../claims/claim-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { checkbookQuerySchema, partnerPathSchema } from '../api-schemas';

/**
 * A partner's checkbooks: earned, adjustments, claimed, paid, balance and, from pending claims, reserved,
 * per program, fund and currency; availableToClaim is net of what pending claims reserved.
 */
export const handler = httpApi(async (event) => {
  const { partnerId } = pathParams(event, partnerPathSchema);
  const { programId } = queryParams(event, checkbookQuerySchema);
  // The two Queries are independent: sent together, one round trip. checkbookOf checks the caller before its
  // first await, so a partner asking for another's checkbook still gets its 404; the positions read then is dropped.
  const [checkbooks, positions] = await Promise.all([
    checkbookOf(accruals.ledger, actorOf(event), { partnerId, programId }),
    claimDeps.claimFunds.positionsOf(partnerId),
  ]);
  return json(200, { items: withReservations(checkbooks, positions) });
});
