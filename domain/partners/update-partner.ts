import type { Actor } from '../access/actor';
import { masterDataEditors, requireRole } from '../access/policies';
import { getVersioned, replaceVersioned } from '../shared/versioned-record';
import type { Partner, PartnerDetails } from './partner';
import { assertValidParent } from './partner-hierarchy';
import type { PartnerDeps } from './ports';

export interface UpdatePartnerInput {
  readonly partnerId: string;
  readonly expectedVersion: number;
  readonly details: PartnerDetails;
}

/**
 * Replaces a partner's details (full update).
 * 1. Only master-data editors may. 2. The partner must exist and still be at `expectedVersion`.
 * 3. A new parent must exist and must not be the partner or one of its descendants.
 */
export async function updatePartner(
  deps: PartnerDeps,
  actor: Actor,
  input: UpdatePartnerInput,
): Promise<Partner> {
  requireRole(actor, masterDataEditors);
  const current = await getVersioned(deps.partners, input.partnerId, 'Partner');
  const { parentPartnerId } = input.details;
  if (parentPartnerId !== undefined && parentPartnerId !== current.parentPartnerId) {
    await assertValidParent(deps.partners, input.partnerId, parentPartnerId);
  }
  return replaceVersioned(deps.partners, deps.clock, current, input.expectedVersion, {
    ...input.details,
    partnerId: input.partnerId,
  });
}
