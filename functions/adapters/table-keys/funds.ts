import type { ItemKey } from './item-key';

/**
 * Market development funds: funds and their movements, fund requests and proof-of-performance claims.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | fund              | FUND#<fundId>          | FUND (balances in minor units) | PARTNERFUNDS#<p>       | <createdAt>#<fundId>    |
 * | fund movement     | FUND#<fundId>          | MOVE#<movementId>           |                           |                         |
 * | fund request      | FUNDREQ#<requestId>    | REQUEST                     | PARTNERFUNDREQS#<p>       | <submittedAt>#<requestId> |
 * | fund claim (PoP)  | FUNDCLAIM#<fundClaimId> | CLAIM                      | PARTNERFUNDCLAIMS#<p>     | <submittedAt>#<fundClaimId> |
 *
 * Funds also carry gsi2 = FUNDS / <createdAt>#<fundId> and, while active, gsi3 = EXPIRINGFUNDS / <expiresOn>#<fundId>.
 * Fund requests also carry gsi2 = FUNDREQS#<fundId> / <submittedAt>#<requestId> and, while open (submitted or
 * approved), gsi3 = OPENFUNDREQS / <due date>#<requestId>. Fund claims also carry gsi2 = FUNDCLAIMS#<fundId> /
 * <submittedAt>#<fundClaimId> and gsi3 = FUNDCLAIMSTATUS#<status> / <submittedAt>#<fundClaimId>.
 *
 * Access patterns (numbered across the table):
 * 40. a fund by id; a partner's funds; every fund, oldest first → GetItem FUND#<id> / Query gsi1 PARTNERFUNDS#<p> / gsi2 FUNDS;
 *     a reservation's transaction adds to the fund only while drawnMinor ≤ allocated − amount (never overdrawn)
 * 41. active funds past their expiry date (the expiry job)      → Query gsi3 EXPIRINGFUNDS, gsi3sk < <date> (sparse)
 * 42. a fund's movements (its posted journal)                   → Query pk FUND#<id>, begins_with MOVE#
 * 43. a fund request by id; a partner's / a fund's requests     → GetItem FUNDREQ#<id> / Query gsi1 PARTNERFUNDREQS#<p> / gsi2 FUNDREQS#<fundId>
 * 44. open fund requests past their due date (the expiry job)   → Query gsi3 OPENFUNDREQS, gsi3sk < <date> (sparse)
 * 45. a fund claim by id; a partner's / a fund's claims; claims of one status (the review inbox)
 *                                                               → GetItem FUNDCLAIM#<id> / Query gsi1 PARTNERFUNDCLAIMS#<p> / gsi2 FUNDCLAIMS#<fundId> / gsi3 FUNDCLAIMSTATUS#<status>
 */

export const fundKey = (fundId: string): ItemKey => ({ pk: `FUND#${fundId}`, sk: 'FUND' });
export const partnerFundsPartition = (partnerId: string) => `PARTNERFUNDS#${partnerId}`;
export const allFundsPartition = 'FUNDS';
export const expiringFundsPartition = 'EXPIRINGFUNDS';
/** A fund's listing keys; the expiry index only while it is active (sparse). */
export const fundIndexKeys = (fund: {
  readonly fundId: string;
  readonly partnerId: string;
  readonly createdAt: string;
  readonly expiresOn: string;
  readonly status: string;
}) => ({
  gsi1pk: partnerFundsPartition(fund.partnerId),
  gsi1sk: `${fund.createdAt}#${fund.fundId}`,
  gsi2pk: allFundsPartition,
  gsi2sk: `${fund.createdAt}#${fund.fundId}`,
  ...(fund.status === 'active'
    ? { gsi3pk: expiringFundsPartition, gsi3sk: `${fund.expiresOn}#${fund.fundId}` }
    : {}),
});
export const fundMovementKey = (fundId: string, movementId: string): ItemKey => ({
  pk: `FUND#${fundId}`,
  sk: `MOVE#${movementId}`,
});
export const fundMovementPrefix = 'MOVE#';

export const fundRequestKey = (requestId: string): ItemKey => ({ pk: `FUNDREQ#${requestId}`, sk: 'REQUEST' });
export const partnerFundRequestsPartition = (partnerId: string) => `PARTNERFUNDREQS#${partnerId}`;
export const fundRequestsPartition = (fundId: string) => `FUNDREQS#${fundId}`;
export const openFundRequestsPartition = 'OPENFUNDREQS';
/** A request's listing keys; the open-requests index (due date first) only while `dueOn` is set (sparse). */
export const fundRequestIndexKeys = (
  request: {
    readonly requestId: string;
    readonly partnerId: string;
    readonly fundId: string;
    readonly submittedAt: string;
  },
  dueOn: string | undefined,
) => ({
  gsi1pk: partnerFundRequestsPartition(request.partnerId),
  gsi1sk: `${request.submittedAt}#${request.requestId}`,
  gsi2pk: fundRequestsPartition(request.fundId),
  gsi2sk: `${request.submittedAt}#${request.requestId}`,
  ...(dueOn === undefined
    ? {}
    : { gsi3pk: openFundRequestsPartition, gsi3sk: `${dueOn}#${request.requestId}` }),
});

export const fundClaimKey = (fundClaimId: string): ItemKey => ({
  pk: `FUNDCLAIM#${fundClaimId}`,
  sk: 'CLAIM',
});
export const partnerFundClaimsPartition = (partnerId: string) => `PARTNERFUNDCLAIMS#${partnerId}`;
export const fundClaimsPartition = (fundId: string) => `FUNDCLAIMS#${fundId}`;
export const fundClaimStatusPartition = (status: string) => `FUNDCLAIMSTATUS#${status}`;
export const fundClaimIndexKeys = (claim: {
  readonly fundClaimId: string;
  readonly partnerId: string;
  readonly fundId: string;
  readonly status: string;
  readonly submittedAt: string;
}) => {
  const sortKey = `${claim.submittedAt}#${claim.fundClaimId}`;
  return {
    gsi1pk: partnerFundClaimsPartition(claim.partnerId),
    gsi1sk: sortKey,
    gsi2pk: fundClaimsPartition(claim.fundId),
    gsi2sk: sortKey,
    gsi3pk: fundClaimStatusPartition(claim.status),
    gsi3sk: sortKey,
  };
};
