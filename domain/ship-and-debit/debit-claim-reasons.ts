/**
 * Why a ship & debit claim line is cut or rejected, each with its ANSI X12 element 901 (Reject Reason Code)
 * and element 889 (Follow-up Action Code), so the same reason goes back on the 849 (AAA03, AAA04).
 *
 * 889 codes used: C "Please Correct and Resubmit", N "Resubmission Not Allowed", R "Resubmission Allowed"
 * (the line may pass later unchanged, e.g. once the POS line arrives).
 */
export const debitClaimReasons = {
  /** No such authorization for this partner (another partner's is not revealed either). */
  authorizationInvalid: { x12: '01', followUp: 'C', message: 'price authorization invalid' },
  /** The ship date is after the authorization's validity, or the authorization has expired. */
  authorizationExpired: { x12: '02', followUp: 'N', message: 'price authorization expired' },
  productNotAuthorized: { x12: '03', followUp: 'C', message: 'product not on the price authorization' },
  /** The line asks more than remains: cut to what remains, the rest rejected. */
  quantityExceeded: { x12: '04', followUp: 'C', message: 'authorized quantity exceeded' },
  zeroBalance: { x12: '05', followUp: 'N', message: 'zero balance' },
  /** The authorized (special) cost claimed is not the one the authorization grants on this book cost. */
  authorizedCostIncorrect: { x12: '06', followUp: 'C', message: 'special cost incorrect' },
  /** No resale line in the partner's POS data backs the claim (5010's 38 does not exist in 4010). */
  noMatchingSale: { x12: '09', followUp: 'R', message: 'no credit allowed: no matching POS line' },
  resaleAboveCeiling: { x12: '16', followUp: 'C', message: 'unit resale higher than authorized' },
  shipDateInFuture: { x12: '18', followUp: 'C', message: 'ship date must not be after current date' },
  shipDateBeforeAuthorization: {
    x12: '19',
    followUp: 'N',
    message: 'ship date cannot be prior to price authorization issue date',
  },
  /** The ship date is not a calendar date (CSV lines; the 844 reader refuses such lines itself). */
  invalidShipDate: { x12: '27', followUp: 'C', message: 'invalid ship date' },
  authorizationCancelled: { x12: '23', followUp: 'N', message: 'price authorization has been deleted' },
  invalidCustomer: { x12: '26', followUp: 'C', message: 'invalid customer number' },
  duplicateInvoice: { x12: '28', followUp: 'N', message: 'duplicate invoice number' },
  pastExercisePeriod: { x12: '29', followUp: 'N', message: 'claim submitted past exercise period' },
  bookCostIncorrect: { x12: '31', followUp: 'C', message: 'invalid book cost' },
  /** A quantity that is not a positive whole number, or a price or amount that is not a plain decimal. */
  invalidInput: { x12: '33', followUp: 'C', message: 'input errors: quantity or price unreadable' },
  /** The line amount is not quantity × unit credit (4010 has no closer code than "input errors"). */
  amountIncorrect: { x12: '33', followUp: 'C', message: 'input errors: amount is not quantity × credit' },
} as const;

export type DebitClaimReason = keyof typeof debitClaimReasons;

/**
 * The order the rules are tried in: a line failing several is reported under the first of them, on the 849
 * and in the bench's SQL (`bench/ship-and-debit-duckdb.ts` tries its CASE arms in this order). The
 * authorization's own rules (`authorizationLineCovering`) and the line's date rules interleave here, so the
 * validation merges their first faults by this order.
 */
export const debitClaimReasonPrecedence = [
  'invalidInput',
  'authorizationInvalid',
  'authorizationCancelled',
  'invalidShipDate',
  'shipDateInFuture',
  'shipDateBeforeAuthorization',
  'authorizationExpired',
  'pastExercisePeriod',
  'productNotAuthorized',
  'invalidCustomer',
  'duplicateInvoice',
  'resaleAboveCeiling',
  'bookCostIncorrect',
  'authorizedCostIncorrect',
  'amountIncorrect',
  'noMatchingSale',
  'zeroBalance',
  'quantityExceeded',
] as const satisfies readonly DebitClaimReason[];

const rankOf = Object.fromEntries(debitClaimReasonPrecedence.map((reason, rank) => [reason, rank])) as Record<
  DebitClaimReason,
  number
>;

/** Of a reason a line fails and another it may fail too, the one reported: the earlier in the precedence. */
export function firstReason<A extends DebitClaimReason, B extends DebitClaimReason>(
  reason: A,
  other: B | undefined,
): A | B {
  return other !== undefined && rankOf[other] < rankOf[reason] ? other : reason;
}
