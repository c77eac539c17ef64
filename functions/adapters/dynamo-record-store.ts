import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { AlreadyExistsError, VersionConflictError } from '../../domain/shared/errors';
import type { Page, PageRequest, RecordStore, Stored } from '../../domain/shared/ports';
import { recordIdText } from '../../domain/shared/versioned-record';
import { getAll } from './dynamo-batch';
import { readBack } from './read-back';
import { getItem, pageMapped, partitionPage, putIf, storageStripper, type TableItem } from './table-access';
import { keyAttributes } from './table-cursor';
import type { ItemKey, ListIndexKey } from './table-keys/item-key';

/** Where one kind of record lives in the table; see table-keys/ for the layout. */
export interface RecordItemSpec<T, Id = string, Group = string> {
  /** Value of the item's `type` attribute, e.g. "Partner". */
  readonly type: string;
  /** What a record read back is parsed with (`storedRecordSchema` in read-back.ts). */
  readonly schema: z.ZodType<Stored<T>>;
  keyOf(id: Id): ItemKey;
  idOf(record: T): Id;
  listKeyOf(record: T): ListIndexKey;
  /** The gsi1 partition and optional sort-key prefix a listing of `group` reads. */
  listScope(group: Group | undefined): { readonly gsi1pk: string; readonly prefix?: string };
  /** Keys of a further (sparse) index the record is in, e.g. files in flight; none when absent. */
  indexKeysOf?(record: Stored<T>): { readonly gsi2pk: string; readonly gsi2sk: string } | undefined;
}

// What the store adds to a record: the keys and the item type (neither may be one of its fields).
const storageAttributes = [...keyAttributes, 'type'];

const withoutStorage = storageStripper('type');

/** A record read back from its item by `schema`, storage attributes removed. */
export const storedRecord = <T>(schema: z.ZodType<T>, item: TableItem): T =>
  readBack(schema, item, withoutStorage);

/** A RecordStore over the single table, with conditional writes for create-once and optimistic locking. */
export class DynamoRecordStore<T, Id = string, Group = string> implements RecordStore<T, Id, Group> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly spec: RecordItemSpec<T, Id, Group>,
  ) {}

  async get(id: Id): Promise<Stored<T> | undefined> {
    const item = await getItem(this.client, this.tableName, this.spec.keyOf(id));
    return item ? storedRecord(this.spec.schema, item) : undefined;
  }

  /** The records of these ids that exist, by id (as text), in batched reads (100 keys each, in parallel). */
  async getAll(ids: readonly Id[]): Promise<Map<string, Stored<T>>> {
    const items = await getAll(
      this.client,
      this.tableName,
      ids.map((id) => this.spec.keyOf(id)),
    );
    return new Map(
      [...items.values()].map((item) => {
        const record = storedRecord(this.spec.schema, item);
        return [recordIdText(this.spec.idOf(record)), record];
      }),
    );
  }

  async create(record: Stored<T>): Promise<void> {
    if (!(await putIf(this.client, this.tableName, this.itemOf(record), 'attribute_not_exists(pk)'))) {
      throw new AlreadyExistsError(
        `${this.spec.type} '${recordIdText(this.spec.idOf(record))}' already exists`,
      );
    }
  }

  async replace(record: Stored<T>, expectedVersion: number): Promise<void> {
    const replaced = await putIf(
      this.client,
      this.tableName,
      this.itemOf(record),
      'attribute_exists(pk) AND #version = :expected',
      { names: { '#version': 'version' }, values: { ':expected': expectedVersion } },
    );
    if (!replaced) {
      throw new VersionConflictError(
        `${this.spec.type} was changed by someone else; read it again`,
        undefined,
      );
    }
  }

  async list(request: PageRequest<Group>): Promise<Page<Stored<T>>> {
    const scope = this.spec.listScope(request.group);
    const page = await partitionPage(this.client, this.tableName, {
      index: 'gsi1',
      partition: scope.gsi1pk,
      ...(scope.prefix === undefined ? {} : { sortKey: { beginsWith: scope.prefix } }),
      page: { limit: request.limit, cursor: request.cursor },
    });
    return pageMapped(page, (item) => storedRecord(this.spec.schema, item));
  }

  private itemOf(record: Stored<T>): Record<string, unknown> {
    const clash = storageAttributes.find((attribute) => attribute in record);
    // A record field named like a storage attribute would be silently overwritten: refuse it loudly.
    if (clash) throw new Error(`${this.spec.type} records must not have a field named '${clash}'`);
    const id = this.spec.idOf(record);
    return {
      ...record,
      ...this.spec.keyOf(id),
      ...this.spec.listKeyOf(record),
      ...this.spec.indexKeysOf?.(record),
      type: this.spec.type,
    };
  }
}
