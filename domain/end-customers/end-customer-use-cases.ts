import { type Actor, internalRoles } from '../access/actor';
import { masterDataEditors, requireRole } from '../access/policies';
import type { Catalog } from '../master-data/catalog-use-cases';
import { createVersioned, getVersioned, replaceVersioned } from '../shared/versioned-record';
import {
  type EndCustomer,
  type EndCustomerData,
  type EndCustomerDetails,
  endCustomerRecord,
  type NewEndCustomer,
} from './end-customer';
import type { EndCustomerDeps } from './ports';

/**
 * Staff read end customers; partners do not: the manufacturer's customer master names every partner's
 * customers, and a partner's own appear in its POS data anyway.
 */
export function endCustomerCatalog(deps: EndCustomerDeps): Catalog<EndCustomerData> {
  return { what: 'End customer', store: deps.endCustomers, clock: deps.clock, readers: internalRoles };
}

const today = (deps: EndCustomerDeps) => deps.clock().toISOString().slice(0, 10);

/** Adds an end customer (master-data editors); a taken id fails with AlreadyExistsError. */
export async function createEndCustomer(
  deps: EndCustomerDeps,
  actor: Actor,
  input: NewEndCustomer,
): Promise<EndCustomer> {
  requireRole(actor, masterDataEditors);
  const { endCustomerId, ...details } = input;
  return createVersioned(
    deps.endCustomers,
    deps.clock,
    endCustomerRecord(endCustomerId, details, [], today(deps)),
  );
}

/**
 * Replaces an end customer's details read at `expectedVersion`. A new segment starts a period from
 * `segmentEffectiveFrom` (today when absent); the segment history is kept.
 */
export async function updateEndCustomer(
  deps: EndCustomerDeps,
  actor: Actor,
  input: {
    readonly endCustomerId: string;
    readonly expectedVersion: number;
    readonly details: EndCustomerDetails;
  },
): Promise<EndCustomer> {
  requireRole(actor, masterDataEditors);
  const current = await getVersioned(deps.endCustomers, input.endCustomerId, 'End customer');
  const next = endCustomerRecord(input.endCustomerId, input.details, current.segmentHistory, today(deps));
  return replaceVersioned(deps.endCustomers, deps.clock, current, input.expectedVersion, next);
}
