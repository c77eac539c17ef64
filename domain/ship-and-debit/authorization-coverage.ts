import type { IndexedAuthorization, IndexedAuthorizationLine } from './authorization-index';
import type { DebitAuthorizationCoverage } from './debit-authorization';
import type { DebitClaimLine } from './debit-claim-line';

/** Whose claim, in which currency, and the end customers' segments (for segment blankets). */
export interface CoverageScope {
  readonly partnerId: string;
  readonly currency: string;
  /** End customer → segment. */
  readonly endCustomerSegments: ReadonlyMap<string, string>;
}

/** The rules an authorization itself decides, in the order a line failing several is reported under. */
export type CoverageFault =
  | 'authorizationInvalid'
  | 'authorizationCancelled'
  | 'shipDateBeforeAuthorization'
  | 'authorizationExpired'
  | 'productNotAuthorized'
  | 'invalidCustomer';

/** Whether a coverage takes a line's end customer (`segments`: end customer → segment, for segment blankets). */
export function coversEndCustomer(
  coverage: DebitAuthorizationCoverage,
  endCustomerId: string,
  segments: ReadonlyMap<string, string>,
): boolean {
  if (coverage.kind === 'endCustomer') return coverage.endCustomerId === endCustomerId;
  if (coverage.kind === 'segment') return segments.get(endCustomerId) === coverage.segment;
  return true;
}

/**
 * The one coverage rule: the authorization line that covers a claim line, or the first rule the
 * authorization fails for it (a string). Covered means the partner's own, in the claim's currency, issued
 * and not cancelled (an expired one still covers resales made while it held), the ship date within its
 * dates and not before issue, the product on it, the end customer covered. Validation reports the fault of a
 * quoted authorization; `AuthorizationPrecedence` keeps the authorizations that have none.
 */
export function authorizationLineCovering(
  indexed: IndexedAuthorization,
  line: DebitClaimLine,
  scope: CoverageScope,
): IndexedAuthorizationLine | CoverageFault {
  const { authorization } = indexed;
  if (
    authorization.partnerId !== scope.partnerId ||
    authorization.currency !== scope.currency ||
    authorization.status === 'requested'
  ) {
    return 'authorizationInvalid';
  }
  if (authorization.status === 'cancelled') return 'authorizationCancelled';
  if (line.shipDate < authorization.validFrom || line.shipDate < (authorization.issuedOn ?? '')) {
    return 'shipDateBeforeAuthorization';
  }
  if (line.shipDate > authorization.validTo) return 'authorizationExpired';
  const authorized = indexed.lines.get(line.productSku);
  if (authorized === undefined) return 'productNotAuthorized';
  if (!coversEndCustomer(authorization.coverage, line.endCustomerId, scope.endCustomerSegments)) {
    return 'invalidCustomer';
  }
  return authorized;
}
