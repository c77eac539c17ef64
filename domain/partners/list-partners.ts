import type { Actor } from '../access/actor';
import { partnerScope } from '../access/policies';
import type { Page, PageRequest } from '../shared/ports';
import type { Partner } from './partner';
import type { PartnerDeps } from './ports';

/**
 * Lists partners a page at a time, optionally of one type (`group`).
 * A partner user's listing holds its own record only, whatever filter it asks for.
 */
export async function listPartners(
  deps: Pick<PartnerDeps, 'partners'>,
  actor: Actor,
  request: PageRequest,
): Promise<Page<Partner>> {
  const ownPartnerId = partnerScope(actor);
  if (ownPartnerId === undefined) return deps.partners.list(request);
  const own = await deps.partners.get(ownPartnerId);
  const visible =
    own && (request.group === undefined || own.partnerType === request.group) && !request.cursor;
  return { items: visible ? [own] : [] };
}
