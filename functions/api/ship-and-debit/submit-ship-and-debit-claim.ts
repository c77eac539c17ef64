import { ValidationError } from '../../../domain/shared/errors';
import { shipAndDebitClaimView } from '../../../domain/ship-and-debit/ship-and-debit-claim';
import type { ShipAndDebitClaimDocument } from '../../../domain/ship-and-debit/ship-and-debit-claim-document';
import { shipAndDebitClaimJsonSchema } from '../../../domain/ship-and-debit/ship-and-debit-claim-request';
import { submitShipAndDebitClaim } from '../../../domain/ship-and-debit/submit-ship-and-debit-claim';
import { actorOf } from '../../shared/http/auth-context';
import { type ApiEvent, httpApi } from '../../shared/http/http-api';
import { jsonBody, queryParams } from '../../shared/http/request';
import { RequestError } from '../../shared/http/request-error';
import { json } from '../../shared/http/response';
import { shipAndDebitClaimDeps } from '../../ship-and-debit/ship-and-debit-claim-deps';
import { shipAndDebitClaimQuerySchema } from '../ship-and-debit-schemas';

const textOf = (event: ApiEvent) =>
  event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('latin1') : (event.body ?? '');

/** The claim document by content type: JSON lines, CSV text, or an X12 844 (application/edi-x12). */
function documentOf(event: ApiEvent, query: ReturnType<typeof readQuery>): ShipAndDebitClaimDocument {
  const contentType = (event.headers['content-type'] ?? '').toLowerCase();
  if (/^application\/(.+\+)?json\b/.test(contentType))
    return { format: 'json', claim: jsonBody(event, shipAndDebitClaimJsonSchema) };
  if (contentType.startsWith('application/edi-x12') || contentType.startsWith('application/x12'))
    return { format: 'x12-844', text: textOf(event) };
  if (contentType.startsWith('text/csv')) {
    const { claimNumber, currency } = query;
    if (claimNumber === undefined || currency === undefined)
      throw new ValidationError('A CSV claim needs its number and currency', [
        ...(claimNumber === undefined ? [{ path: 'query.claimNumber', message: 'is required for CSV' }] : []),
        ...(currency === undefined ? [{ path: 'query.currency', message: 'is required for CSV' }] : []),
      ]);
    return { format: 'csv', text: textOf(event), claimNumber, currency };
  }
  throw new RequestError(415, 'Send the claim as application/json, text/csv or application/edi-x12 (an 844)');
}

const readQuery = (event: ApiEvent) => queryParams(event, shipAndDebitClaimQuerySchema);

/**
 * Submits a ship & debit claim, validated line by line: 201 with the claim (each line's outcome and 901
 * codes), 200 with the earlier claim when the partner's claim number was sent before; a malformed file is
 * a 422 naming the segments or columns at fault.
 */
export const handler = httpApi(async (event) => {
  const query = readQuery(event);
  const document = documentOf(event, query);
  const { claim, created } = await submitShipAndDebitClaim(shipAndDebitClaimDeps, actorOf(event), {
    partnerId: query.partnerId,
    document,
  });
  return json(created ? 201 : 200, shipAndDebitClaimView(claim), {
    location: `/ship-and-debit-claims/${claim.claimId}`,
  });
});
