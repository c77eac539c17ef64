import type { Actor, Role } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole } from '../access/policies';
import { NotFoundError } from '../shared/errors';
import type { Page, PageRequest } from '../shared/ports';
import type { CustomerIdentity } from './customer-identity';
import type { DealRegistrationPolicy, HouseAccount } from './deal-registration';
import { defaultDealPolicy } from './deal-registration';
import type { DealRegistrationDeps } from './ports';

const listKeepers: readonly Role[] = ['admin'];

/**
 * An admin adds a customer the manufacturer serves directly: from then on registrations naming it (any of
 * its normalized keys) are rejected at submission. Registrations approved before are not touched.
 */
export async function addHouseAccount(
  deps: DealRegistrationDeps,
  actor: Actor,
  input: { readonly customer: CustomerIdentity; readonly note?: string | undefined },
): Promise<HouseAccount> {
  requireRole(actor, listKeepers);
  const houseAccount: HouseAccount = {
    houseAccountId: `HA-${deps.newId().toUpperCase()}`,
    customer: input.customer,
    ...(input.note === undefined ? {} : { note: input.note }),
    createdAt: deps.clock().toISOString(),
    createdBy: { userId: actor.userId, role: actor.role },
  };
  await deps.houseAccounts.create(houseAccount);
  return houseAccount;
}

/** Staff read the house account list; partners never see it (it names customers). */
export async function listHouseAccounts(
  deps: DealRegistrationDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<HouseAccount>> {
  requireRole(actor, internalRoles);
  return deps.houseAccounts.list(page);
}

/** An admin takes a customer off the house account list. */
export async function removeHouseAccount(
  deps: DealRegistrationDeps,
  actor: Actor,
  houseAccountId: string,
): Promise<void> {
  requireRole(actor, listKeepers);
  if (!(await deps.houseAccounts.remove(houseAccountId))) {
    throw new NotFoundError(`House account '${houseAccountId}' not found`);
  }
}

/** The deal-registration policy of a program (the default when none is stored); staff only. */
export async function getDealPolicy(
  deps: DealRegistrationDeps,
  actor: Actor,
  programId: string,
): Promise<DealRegistrationPolicy & { readonly programId: string; readonly isDefault: boolean }> {
  requireRole(actor, internalRoles);
  const stored = await deps.policies.get(programId);
  return { programId, ...(stored ?? defaultDealPolicy), isDefault: stored === undefined };
}

/** An admin sets a program's policy; it applies to submissions and decisions from now on. */
export async function saveDealPolicy(
  deps: DealRegistrationDeps,
  actor: Actor,
  programId: string,
  policy: DealRegistrationPolicy,
): Promise<DealRegistrationPolicy & { readonly programId: string; readonly isDefault: boolean }> {
  requireRole(actor, listKeepers);
  await deps.policies.put(programId, policy);
  return { programId, ...policy, isDefault: false };
}
