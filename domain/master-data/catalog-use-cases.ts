import { type Actor, internalRoles, type Role } from '../access/actor';
import { masterDataEditors, requireRole } from '../access/policies';
import type { Clock, Page, PageRequest, RecordStore, Stored } from '../shared/ports';
import { createVersioned, getVersioned, replaceVersioned } from '../shared/versioned-record';

/**
 * A manufacturer-owned catalog (products, price lists): editors maintain it, `readers` may read it.
 * Unlike partner records nothing in a catalog belongs to one partner, so there is no per-partner scoping.
 */
export interface Catalog<T> {
  readonly what: string;
  readonly store: RecordStore<T>;
  readonly clock: Clock;
  readonly readers: readonly Role[];
}

/**
 * A store that only manufacturer staff read (programs, accrual runs, adjustments), for the catalog reads.
 * Its writes have their own use cases and roles: never pass it to the catalog's create or update.
 */
export function staffReadCatalog<T>(what: string, store: RecordStore<T>, clock: Clock): Catalog<T> {
  return { what, store, clock, readers: internalRoles };
}

/** Adds a record (editors only); a taken id fails with AlreadyExistsError. */
export async function createCatalogRecord<T>(catalog: Catalog<T>, actor: Actor, data: T): Promise<Stored<T>> {
  requireRole(actor, masterDataEditors);
  return createVersioned(catalog.store, catalog.clock, data);
}

/** Replaces a record the editor read at `expectedVersion`. */
export async function updateCatalogRecord<T>(
  catalog: Catalog<T>,
  actor: Actor,
  input: { readonly id: string; readonly expectedVersion: number; readonly data: T },
): Promise<Stored<T>> {
  requireRole(actor, masterDataEditors);
  const current = await getVersioned(catalog.store, input.id, catalog.what);
  return replaceVersioned(catalog.store, catalog.clock, current, input.expectedVersion, input.data);
}

/** Reads one record. */
export async function getCatalogRecord<T>(catalog: Catalog<T>, actor: Actor, id: string): Promise<Stored<T>> {
  requireRole(actor, catalog.readers);
  return getVersioned(catalog.store, id, catalog.what);
}

/** Lists records a page at a time, optionally within one group (e.g. a product category). */
export async function listCatalogRecords<T>(
  catalog: Catalog<T>,
  actor: Actor,
  request: PageRequest,
): Promise<Page<Stored<T>>> {
  requireRole(actor, catalog.readers);
  return catalog.store.list(request);
}
