import { ForbiddenError, NotFoundError } from '../shared/errors';
import type { Actor, Role } from './actor';

/** Refuses the request unless the actor holds one of `allowed`. */
export function requireRole(actor: Actor, allowed: readonly Role[]): void {
  if (!allowed.includes(actor.role)) {
    throw new ForbiddenError(`Role '${actor.role}' may not perform this action`);
  }
}

/**
 * Refuses access to a record owned by `ownerPartnerId` when the actor is another partner's user.
 * It answers "not found" rather than "forbidden" so that a partner cannot probe which ids exist.
 */
export function requireVisibleTo(actor: Actor, ownerPartnerId: string | undefined, what: string): void {
  if (actor.role === 'partner' && ownerPartnerId !== undefined && ownerPartnerId !== actor.partnerId) {
    throw new NotFoundError(`${what} not found`);
  }
}

/** The partner a query must be limited to, or undefined when the actor may see every partner. */
export function partnerScope(actor: Actor): string | undefined {
  return actor.role === 'partner' ? actor.partnerId : undefined;
}

/** Roles that maintain master data (partners, products, price lists). */
export const masterDataEditors: readonly Role[] = ['admin', 'channel_manager'];
