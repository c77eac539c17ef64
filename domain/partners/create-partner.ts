import type { Actor } from '../access/actor';
import { masterDataEditors, requireRole } from '../access/policies';
import { createVersioned } from '../shared/versioned-record';
import type { Partner, PartnerData } from './partner';
import { assertValidParent } from './partner-hierarchy';
import type { PartnerDeps } from './ports';

/**
 * Registers a partner.
 * 1. Only master-data editors may. 2. The parent, if any, must exist (a new id cannot close a cycle).
 * 3. Stored at version 1; an id already taken fails with AlreadyExistsError.
 */
export async function createPartner(deps: PartnerDeps, actor: Actor, input: PartnerData): Promise<Partner> {
  requireRole(actor, masterDataEditors);
  if (input.parentPartnerId !== undefined) {
    await assertValidParent(deps.partners, input.partnerId, input.parentPartnerId);
  }
  return createVersioned(deps.partners, deps.clock, input);
}
