import { NotFoundError, VersionConflictError } from './errors';
import type { Clock, RecordStore, Stored } from './ports';

/** An id as a message shows it: a record's identifying fields joined by '/' (never read back). */
export const recordIdText = (id: unknown): string =>
  typeof id === 'object' && id !== null ? Object.values(id).join('/') : String(id);

/** Stores a new record at version 1. */
export async function createVersioned<T, Id = string, Group = string>(
  store: RecordStore<T, Id, Group>,
  clock: Clock,
  data: T,
): Promise<Stored<T>> {
  const now = clock().toISOString();
  const record: Stored<T> = { ...data, version: 1, createdAt: now, updatedAt: now };
  await store.create(record);
  return record;
}

/** Reads a record or fails with NotFoundError naming `what`. */
export async function getVersioned<T, Id, Group>(
  store: RecordStore<T, Id, Group>,
  id: Id,
  what: string,
): Promise<Stored<T>> {
  const record = await store.get(id);
  if (!record) throw new NotFoundError(`${what} '${recordIdText(id)}' not found`);
  return record;
}

/**
 * Replaces a record the caller read at `expectedVersion`. The early version check gives a clear answer in the
 * common case; the store's conditional write still decides when two writers race.
 */
export async function replaceVersioned<T, Id, Group>(
  store: RecordStore<T, Id, Group>,
  clock: Clock,
  current: Stored<T>,
  expectedVersion: number,
  data: T,
): Promise<Stored<T>> {
  if (current.version !== expectedVersion) {
    throw new VersionConflictError(
      `Version ${expectedVersion} is stale; the record is at version ${current.version}`,
      current.version,
    );
  }
  const record: Stored<T> = {
    ...data,
    version: current.version + 1,
    createdAt: current.createdAt,
    updatedAt: clock().toISOString(),
  };
  await store.replace(record, expectedVersion);
  return record;
}

/** The record's data without its bookkeeping, to build the next version from. */
export function recordData<T>(record: Stored<T>): T {
  const { version: _version, createdAt: _createdAt, updatedAt: _updatedAt, ...data } = record;
  return data as T;
}
