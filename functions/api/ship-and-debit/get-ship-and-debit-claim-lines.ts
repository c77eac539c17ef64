import { shipAndDebitClaimLinesCsv } from '../../../domain/ship-and-debit/ship-and-debit-claim-lines-csv';
import { getShipAndDebitClaim } from '../../../domain/ship-and-debit/ship-and-debit-claim-queries';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { shipAndDebitClaimDeps } from '../../ship-and-debit/ship-and-debit-claim-deps';
import { downloadResponse } from '../payment-batches/download-response';
import { shipAndDebitClaimPathSchema } from '../ship-and-debit-schemas';

/** A claim's lines with their outcomes as CSV; another partner's is a 404. */
export const handler = httpApi(async (event) => {
  const { shipAndDebitClaimId: claimId } = pathParams(event, shipAndDebitClaimPathSchema);
  const claim = await getShipAndDebitClaim(shipAndDebitClaimDeps, actorOf(event), claimId);
  return downloadResponse('text/csv', `${claimId}-lines.csv`, shipAndDebitClaimLinesCsv(claim));
});
