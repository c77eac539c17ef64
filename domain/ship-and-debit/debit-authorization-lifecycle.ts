import { BusinessRuleError, StateConflictError } from '../shared/errors';
import type { IsoDate } from '../shared/iso-date';
import {
  claimableStatuses,
  type DebitAuthorization,
  type DebitAuthorizationLine,
  type DebitAuthorizationTerms,
  debitAuthorizationSchema,
} from './debit-authorization';

/** Who changes an authorization, and when (the clock is the caller's). */
export interface AuthorizationChange {
  readonly at: string;
  readonly by: string;
  readonly reason?: string;
}

const snapshot = (authorization: DebitAuthorization, change: AuthorizationChange) => ({
  coverage: authorization.coverage,
  validFrom: authorization.validFrom,
  validTo: authorization.validTo,
  lines: authorization.lines,
  version: authorization.version,
  status: authorization.status,
  replacedAt: change.at,
  replacedBy: change.by,
  ...(change.reason === undefined ? {} : { reason: change.reason }),
});

/** The next version, its predecessor kept in `history`, checked against the schema before it is returned. */
function nextVersion(
  authorization: DebitAuthorization,
  change: AuthorizationChange,
  patch: Partial<DebitAuthorization>,
): DebitAuthorization {
  return debitAuthorizationSchema.parse({
    ...authorization,
    ...patch,
    version: authorization.version + 1,
    history: [...authorization.history, snapshot(authorization, change)],
  });
}

/**
 * Approves a requested authorization, possibly on other terms than requested (approvers may authorize a
 * different cost or quantity): each line's remaining quantity starts at its cap.
 */
export function approveDebitAuthorization(
  request: DebitAuthorization,
  issuedOn: IsoDate,
  change: AuthorizationChange,
  authorizedTerms: DebitAuthorizationTerms = request,
): DebitAuthorization {
  if (request.status !== 'requested') {
    throw new StateConflictError(
      `authorization ${request.authorizationNumber} is ${request.status}, not requested`,
    );
  }
  return nextVersion(request, change, {
    ...authorizedTerms,
    lines: authorizedTerms.lines.map((line) => ({ ...line, remainingQuantity: line.quantityCap })),
    status: 'approved',
    issuedOn,
  });
}

/**
 * Amends an approved authorization's terms. What was already claimed on a product stays claimed: the new
 * remaining quantity is the new cap minus what earlier claims used, and a cap below that usage is refused
 * (it would take back approved credits).
 */
export function amendDebitAuthorization(
  authorization: DebitAuthorization,
  terms: DebitAuthorizationTerms,
  change: AuthorizationChange,
): DebitAuthorization {
  if (!claimableStatuses.includes(authorization.status)) {
    throw new StateConflictError(
      `authorization ${authorization.authorizationNumber} is ${authorization.status}: only an approved one can be amended`,
    );
  }
  const used = new Map(
    authorization.lines.map((line) => [line.productSku, line.quantityCap - line.remainingQuantity]),
  );
  const lines: DebitAuthorizationLine[] = terms.lines.map((line, index) => {
    const claimed = used.get(line.productSku) ?? 0;
    if (line.quantityCap < claimed) {
      throw new BusinessRuleError(
        `the cap of ${line.productSku} is below the ${claimed} units already claimed`,
        [{ path: `lines.${index}.quantityCap`, message: `must be at least ${claimed}` }],
      );
    }
    return { ...line, remainingQuantity: line.quantityCap - claimed };
  });
  for (const [sku, claimed] of used) {
    if (claimed > 0 && !lines.some((line) => line.productSku === sku)) {
      throw new BusinessRuleError(`${sku} has ${claimed} units claimed and cannot be removed`, [
        { path: 'lines', message: `must keep ${sku}` },
      ]);
    }
  }
  return nextVersion(authorization, change, { ...terms, lines, status: 'amended' });
}

/** Cancels an authorization: no further claim may draw on it (901 code 23 on later claims). */
export function cancelDebitAuthorization(
  authorization: DebitAuthorization,
  change: AuthorizationChange,
): DebitAuthorization {
  if (authorization.status === 'cancelled' || authorization.status === 'expired') {
    throw new StateConflictError(
      `authorization ${authorization.authorizationNumber} is already ${authorization.status}`,
    );
  }
  return nextVersion(authorization, change, { status: 'cancelled' });
}

/** Marks an approved authorization expired once `asOf` is past its validity; otherwise returns it unchanged. */
export function expireDebitAuthorization(
  authorization: DebitAuthorization,
  asOf: IsoDate,
  change: AuthorizationChange,
): DebitAuthorization {
  if (!claimableStatuses.includes(authorization.status) || asOf <= authorization.validTo)
    return authorization;
  return nextVersion(authorization, change, { status: 'expired' });
}
