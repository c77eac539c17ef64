import type { Actor } from '../access/actor';
import { requireVisibleTo } from '../access/policies';
import { NotFoundError } from '../shared/errors';
import type { Partner } from './partner';
import type { PartnerDeps } from './ports';

/** Reads one partner. A partner user sees only its own record; any other id is "not found" to it. */
export async function getPartner(
  deps: Pick<PartnerDeps, 'partners'>,
  actor: Actor,
  partnerId: string,
): Promise<Partner> {
  requireVisibleTo(actor, partnerId, 'Partner');
  const partner = await deps.partners.get(partnerId);
  if (!partner) throw new NotFoundError('Partner not found');
  return partner;
}
