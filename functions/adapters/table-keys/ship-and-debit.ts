import type { ItemKey } from './item-key';

/**
 * Ship & debit: debit authorizations, claims against them, and the bill-backs of returned units.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | debit authorization | DEBITAUTH#<number>   | AUTHORIZATION (terms, history) | PARTNERDEBITAUTHS#<p> | <requestedAt>#<number> |
 * | authorization line | DEBITAUTH#<number>    | LINE#<sku> (quantityCap, remainingQuantity) |           |                         |
 * | ship & debit claim | SDCLAIM#<claimId>     | CLAIM (lines, results, 849) | PARTNERSDCLAIMS#<p>     | <receivedAt>#<claimId>  |
 * | S&D invoice line  | SDINVOICE#<JSON [p, invoice line key]> | INVOICELINE (claimId) |                  |                         |
 * | S&D claim number  | SDCLAIMNO#<p>#<claimNumber> | CLAIMNUMBER (claimId)  |                           |                         |
 * | S&D bill-back     | SDBILLBACK#<billBackId> | BILLBACK (return, parts, amount < 0) | SDBILLBACKPARTNER#<p> | <createdAt>#<billBackId> |
 * | S&D line reversal | SDBILLBACKLINE#<claimId> | LINE#<line, 6 digits> (quantity, amount, billBackIds) |       |                         |
 *
 * Debit authorizations also carry gsi2 = DEBITAUTHS / <requestedAt>#<number>; ship & debit claims gsi2 = SDCLAIMS /
 * <receivedAt>#<claimId> (staff listings across partners).
 *
 * Access patterns (numbered across the table):
 * 32. a debit authorization with its lines' remaining quantities → Query pk DEBITAUTH#<number>; a ship & debit
 *     claim's transaction moves LINE#<sku> only while remainingQuantity is what validation read (never below 0)
 * 33. a partner's debit authorizations / every one, oldest first → Query gsi1 PARTNERDEBITAUTHS#<p> / gsi2 DEBITAUTHS
 * 34. a ship & debit claim; a partner's / every one, oldest first → GetItem SDCLAIM#<id> / Query gsi1
 *     PARTNERSDCLAIMS#<p> / gsi2 SDCLAIMS
 * 35. who holds an invoice line (901 code 28, duplicate)        → GetItem SDINVOICE#… (written with the claim)
 * 36. who holds a partner's claim number (a file sent twice)   → GetItem SDCLAIMNO#<p>#<claimNumber> (written with the claim)
 * 37. a bill-back (idempotent per return line); a partner's / every one, oldest first → GetItem SDBILLBACK#<id> /
 *     Query gsi1 SDBILLBACKPARTNER#<p> / gsi2 SDBILLBACKS
 * 38. a partner's open bill-backs in a currency (what its next claim nets) → Query gsi3 SDBILLBACKOPEN#<p>#<currency>
 *     (sparse: removed in the transaction of the claim that nets it, conditioned on status open)
 * 39. what bill-backs reversed per line of a claim              → Query pk SDBILLBACKLINE#<claimId> (written with the
 *     bill-back, conditioned on the quantity read, so no unit is reversed twice)
 */

export const debitAuthorizationPartition = (authorizationNumber: string) =>
  `DEBITAUTH#${authorizationNumber}`;
export const partnerDebitAuthorizationsPartition = (partnerId: string) => `PARTNERDEBITAUTHS#${partnerId}`;
export const allDebitAuthorizationsPartition = 'DEBITAUTHS';
export const debitAuthorizationKeys = (authorization: {
  readonly authorizationNumber: string;
  readonly partnerId: string;
  readonly requestedAt: string;
}) => {
  const sortKey = `${authorization.requestedAt}#${authorization.authorizationNumber}`;
  return {
    pk: debitAuthorizationPartition(authorization.authorizationNumber),
    sk: 'AUTHORIZATION',
    gsi1pk: partnerDebitAuthorizationsPartition(authorization.partnerId),
    gsi1sk: sortKey,
    gsi2pk: allDebitAuthorizationsPartition,
    gsi2sk: sortKey,
  };
};
export const debitAuthorizationLineKey = (authorizationNumber: string, productSku: string): ItemKey => ({
  pk: debitAuthorizationPartition(authorizationNumber),
  sk: `LINE#${productSku}`,
});

export const partnerShipAndDebitClaimsPartition = (partnerId: string) => `PARTNERSDCLAIMS#${partnerId}`;
export const allShipAndDebitClaimsPartition = 'SDCLAIMS';
export const shipAndDebitClaimKey = (claimId: string): ItemKey => ({ pk: `SDCLAIM#${claimId}`, sk: 'CLAIM' });
export const shipAndDebitClaimKeys = (claim: {
  readonly claimId: string;
  readonly partnerId: string;
  readonly receivedAt: string;
}) => {
  const sortKey = `${claim.receivedAt}#${claim.claimId}`;
  return {
    ...shipAndDebitClaimKey(claim.claimId),
    gsi1pk: partnerShipAndDebitClaimsPartition(claim.partnerId),
    gsi1sk: sortKey,
    gsi2pk: allShipAndDebitClaimsPartition,
    gsi2sk: sortKey,
  };
};
/** The invoice line key holds free text (invoice, line) and NUL separators: JSON keeps any two apart. */
export const shipAndDebitInvoiceLineKey = (partnerId: string, invoiceLineKey: string): ItemKey => ({
  pk: `SDINVOICE#${JSON.stringify([partnerId, invoiceLineKey])}`,
  sk: 'INVOICELINE',
});
export const shipAndDebitClaimNumberKey = (partnerId: string, claimNumber: string): ItemKey => ({
  pk: `SDCLAIMNO#${partnerId}#${claimNumber}`,
  sk: 'CLAIMNUMBER',
});

// Ship & debit bill-backs (issue 13): returns of resold units take back their credit (access patterns 37-39).
export const shipAndDebitBillBackKey = (billBackId: string): ItemKey => ({
  pk: `SDBILLBACK#${billBackId}`,
  sk: 'BILLBACK',
});
export const partnerShipAndDebitBillBacksPartition = (partnerId: string) => `SDBILLBACKPARTNER#${partnerId}`;
export const allShipAndDebitBillBacksPartition = 'SDBILLBACKS';
export const openShipAndDebitBillBacksPartition = (partnerId: string, currency: string) =>
  `SDBILLBACKOPEN#${partnerId}#${currency}`;
export const shipAndDebitBillBackKeys = (billBack: {
  readonly billBackId: string;
  readonly partnerId: string;
  readonly currency: string;
  readonly createdAt: string;
  readonly status: string;
}) => {
  const sortKey = `${billBack.createdAt}#${billBack.billBackId}`;
  return {
    ...shipAndDebitBillBackKey(billBack.billBackId),
    gsi1pk: partnerShipAndDebitBillBacksPartition(billBack.partnerId),
    gsi1sk: sortKey,
    gsi2pk: allShipAndDebitBillBacksPartition,
    gsi2sk: sortKey,
    ...(billBack.status === 'open'
      ? { gsi3pk: openShipAndDebitBillBacksPartition(billBack.partnerId, billBack.currency), gsi3sk: sortKey }
      : {}),
  };
};
export const shipAndDebitReversalPartition = (claimId: string) => `SDBILLBACKLINE#${claimId}`;
export const shipAndDebitReversalKey = (claimId: string, lineNumber: number): ItemKey => ({
  pk: shipAndDebitReversalPartition(claimId),
  sk: `LINE#${String(lineNumber).padStart(6, '0')}`,
});
