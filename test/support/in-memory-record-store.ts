import { AlreadyExistsError, VersionConflictError } from '../../domain/shared/errors';
import type { Page, PageRequest, RecordStore, Stored } from '../../domain/shared/ports';
import { recordIdText } from '../../domain/shared/versioned-record';
import { bySortKey, offsetPage } from './in-memory-pages';

/**
 * A RecordStore in a Map, for unit tests of use cases. Listing groups by `groupOf` and pages by offset. It
 * and the DynamoDB adapter pass the same contract (test/support/record-store-contract.ts). A structured id
 * is kept under its fields joined by '/', so records of several ids list in the order of their fields.
 */
export class InMemoryRecordStore<T, Id = string, Group = string> implements RecordStore<T, Id, Group> {
  readonly records = new Map<string, Stored<T>>();

  constructor(
    private readonly idOf: (record: T) => Id,
    private readonly groupOf: (record: T) => Group | '' = () => '',
  ) {}

  async get(id: Id) {
    return this.records.get(recordIdText(id));
  }

  async getAll(ids: readonly Id[]) {
    return new Map(
      ids.flatMap((id) => {
        const record = this.records.get(recordIdText(id));
        return record === undefined ? [] : [[recordIdText(id), record] as const];
      }),
    );
  }

  async create(record: Stored<T>) {
    const id = recordIdText(this.idOf(record));
    if (this.records.has(id)) throw new AlreadyExistsError(`${id} exists`);
    this.records.set(id, record);
  }

  async replace(record: Stored<T>, expectedVersion: number) {
    const id = recordIdText(this.idOf(record));
    if (this.records.get(id)?.version !== expectedVersion) throw new VersionConflictError('stale', undefined);
    this.records.set(id, record);
  }

  async list(request: PageRequest<Group>): Promise<Page<Stored<T>>> {
    const matching = [...this.records.entries()]
      .filter(
        ([, record]) =>
          request.group === undefined ||
          recordIdText(this.groupOf(record)).startsWith(recordIdText(request.group)),
      )
      .sort(bySortKey(([id]) => id))
      .map(([, record]) => record);
    return offsetPage(matching, request);
  }
}

export const fixedClock =
  (iso = '2026-03-01T12:00:00.000Z') =>
  () =>
    new Date(iso);
