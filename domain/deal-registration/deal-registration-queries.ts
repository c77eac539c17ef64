import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { partnerScope, requireRole } from '../access/policies';
import type { Page, PageRequest } from '../shared/ports';
import type { DealRegistration, DealRegistrationStatus } from './deal-registration';
import { registrationOrNotFound, visibleTo } from './deal-registration-use-cases';
import type { DealRegistrationDeps } from './ports';

export async function getDealRegistration(
  deps: DealRegistrationDeps,
  actor: Actor,
  registrationId: string,
): Promise<DealRegistration> {
  return visibleTo(actor, await registrationOrNotFound(deps, actor, registrationId));
}

/** What a listing asks for: a status, and (staff only) a partner. */
export interface DealRegistrationFilter {
  readonly status?: DealRegistrationStatus | undefined;
  readonly partnerId?: string | undefined;
}

/**
 * Registrations, oldest first: a partner user's own (a `partnerId` filter naming another partner finds
 * nothing); staff one partner's, or every partner's of one status (`submitted` unless asked).
 */
export async function listDealRegistrations(
  deps: DealRegistrationDeps,
  actor: Actor,
  filter: DealRegistrationFilter,
  page: PageRequest,
): Promise<Page<DealRegistration>> {
  const own = partnerScope(actor);
  if (own !== undefined) {
    if (filter.partnerId !== undefined && filter.partnerId !== own) return { items: [] };
    const found = await deps.registrations.ofPartner(own, filter.status, page);
    return { ...found, items: found.items.map((registration) => visibleTo(actor, registration)) };
  }
  requireRole(actor, internalRoles);
  if (filter.partnerId !== undefined)
    return deps.registrations.ofPartner(filter.partnerId, filter.status, page);
  return deps.registrations.withStatus(filter.status ?? 'submitted', page);
}
