import { type SegmentPeriod, segmentOn } from '../end-customers/end-customer';
import type { IndexedAuthorization, IndexedAuthorizationLine } from './authorization-index';
import type { DebitAuthorizationCoverage } from './debit-authorization';
import type { DebitClaimLine } from './debit-claim-line';

/** Whose claim, in which currency, and the end customers' segments (for segment blankets). */
export interface CoverageScope {
  readonly partnerId: string;
  readonly currency: string;
  /** End customer → its segments over time (the end-customer master); absent: in no segment. */
  readonly endCustomerSegments: EndCustomerSegments;
}

/** End customer id → its segment history, for the end customers a claim names. */
export type EndCustomerSegments = ReadonlyMap<string, readonly SegmentPeriod[]>;

/** The rules an authorization itself decides, in the order a line failing several is reported under. */
export type CoverageFault =
  | 'authorizationInvalid'
  | 'authorizationCancelled'
  | 'shipDateBeforeAuthorization'
  | 'authorizationExpired'
  | 'productNotAuthorized'
  | 'invalidCustomer';

/**
 * Whether a coverage takes a line's end customer. A segment blanket takes it when the end customer was in the
 * segment on the line's ship date (an end customer the master does not hold is in none).
 */
export function coversEndCustomer(
  coverage: DebitAuthorizationCoverage,
  line: Pick<DebitClaimLine, 'endCustomerId' | 'shipDate'>,
  segments: EndCustomerSegments,
): boolean {
  if (coverage.kind === 'endCustomer') return coverage.endCustomerId === line.endCustomerId;
  if (coverage.kind === 'segment')
    return segmentOn(segments.get(line.endCustomerId) ?? [], line.shipDate) === coverage.segment;
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
  if (!coversEndCustomer(authorization.coverage, line, scope.endCustomerSegments)) {
    return 'invalidCustomer';
  }
  return authorized;
}
