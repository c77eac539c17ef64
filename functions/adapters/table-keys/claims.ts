import type { ClaimFundScope } from '../../../domain/claims/claim-fund';
import type { ItemKey } from './item-key';

/**
 * Claims against accrued funds: the claim, its line references and its fund reservations.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | claim             | CLAIM#<claimId>        | CLAIM                       | CLAIMSTATUS#<status>      | <submittedAt>#<claimId> |
 * | claim reference   | CLAIM#REF#<p>#<programId>#<period>#<reference> | REFERENCE (claimId) |          |                         |
 * | claim fund        | CLAIMFUND#<p>#<programId>#<period>#<fund>#<currency> | FUND (reserved, drawn, settled) | CLAIMFUNDS#<p> | <programId>#<period>#<fund>#<currency> |
 * | claim reservation | CLAIMFUND#<p>#<programId>#<period>#<fund>#<currency> | RESERVATION#<claimId> (state) |  |                    |
 *
 * Claims also carry gsi2 = PARTNERCLAIMS#<p> / <submittedAt>#<claimId> and gsi3 = CLAIMS / <submittedAt>#<claimId>.
 *
 * Access patterns (numbered across the table):
 * 21. a claim by id; claims of one status, oldest first          → GetItem CLAIM#<id> / Query gsi1 CLAIMSTATUS#<status>
 * 22. a partner's claims / every claim, oldest first             → Query gsi2 PARTNERCLAIMS#<p> / gsi3 CLAIMS
 * 23. who holds a claim line reference (duplicate rule)          → GetItem CLAIM#REF#… (written with the claim)
 * 24. a partner's claim reservations per program period fund    → Query gsi1 CLAIMFUNDS#<p>; a submission's
 *     transaction adds to CLAIMFUND#… only while drawn ≤ credited − amount (funds are never overdrawn)
 *     The FUND item also keeps the fund's credit (creditBaseMinor + creditedMinor, creditPostings: see
 *     claim-fund-credits.ts), added to by every ledger transaction posting into the fund.
 */

export const claimKey = (claimId: string): ItemKey => ({ pk: `CLAIM#${claimId}`, sk: 'CLAIM' });
export const claimStatusPartition = (status: string) => `CLAIMSTATUS#${status}`;
export const partnerClaimsPartition = (partnerId: string) => `PARTNERCLAIMS#${partnerId}`;
export const allClaimsPartition = 'CLAIMS';
export const claimIndexKeys = (claim: {
  readonly claimId: string;
  readonly status: string;
  readonly partnerId: string;
  readonly submittedAt: string;
}) => {
  const sortKey = `${claim.submittedAt}#${claim.claimId}`;
  return {
    gsi1pk: claimStatusPartition(claim.status),
    gsi1sk: sortKey,
    gsi2pk: partnerClaimsPartition(claim.partnerId),
    gsi2sk: sortKey,
    gsi3pk: allClaimsPartition,
    gsi3sk: sortKey,
  };
};

/** The reference is last: it is free text and may itself contain '#'. */
export const claimReferenceKey = (
  partnerId: string,
  programId: string,
  period: string,
  reference: string,
): ItemKey => ({ pk: `CLAIM#REF#${partnerId}#${programId}#${period}#${reference}`, sk: 'REFERENCE' });

const claimFundPartition = (scope: ClaimFundScope) =>
  `CLAIMFUND#${scope.partnerId}#${scope.programId}#${scope.period}#${scope.fund}#${scope.currency}`;
export const claimFundsPartition = (partnerId: string) => `CLAIMFUNDS#${partnerId}`;
export const claimFundKeys = (scope: ClaimFundScope) => ({
  pk: claimFundPartition(scope),
  sk: 'FUND',
  gsi1pk: claimFundsPartition(scope.partnerId),
  gsi1sk: `${scope.programId}#${scope.period}#${scope.fund}#${scope.currency}`,
});
export const claimReservationKey = (scope: ClaimFundScope, claimId: string): ItemKey => ({
  pk: claimFundPartition(scope),
  sk: `RESERVATION#${claimId}`,
});
