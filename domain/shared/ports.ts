import type { DomainEvent } from '../../events/domain-event';

/** Bookkeeping every stored master-data record carries. `version` starts at 1 and grows by one per change. */
export interface RecordMeta {
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type Stored<T> = T & RecordMeta;

/** One page of a listing; `nextCursor` is opaque and absent on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor?: string;
}

export interface PageRequest<Group = string> {
  readonly limit: number;
  readonly cursor?: string | undefined;
  /**
   * Narrows the listing to one group (partner type, product category, price list), when the store has groups:
   * a string, or fields (a price list, or a price list and product) like a structured id.
   */
  readonly group?: Group | undefined;
}

/**
 * Persistence of one kind of versioned record, identified by an id: a string, or the record's identifying
 * fields (`Pick` of them) when it has several, so no id is packed into a string and split again.
 * `create` fails with AlreadyExistsError when the id is taken; `replace` fails with VersionConflictError
 * unless the stored version still equals `expectedVersion` (optimistic concurrency).
 */
export interface RecordStore<T, Id = string, Group = string> {
  get(id: Id): Promise<Stored<T> | undefined>;
  create(record: Stored<T>): Promise<void>;
  replace(record: Stored<T>, expectedVersion: number): Promise<void>;
  list(request: PageRequest<Group>): Promise<Page<Stored<T>>>;
}

/** Current time, injected so that use cases stay deterministic under test. */
export type Clock = () => Date;

/** Publishes domain events (on AWS: the ChRM EventBridge bus), each checked against its contract in events/. */
export interface EventPublisher {
  publish(event: DomainEvent): Promise<void>;
}
