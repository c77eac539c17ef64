import { z } from 'zod';
import type { RecordMeta, Stored } from '../../domain/shared/ports';
import type { TableItem } from './table-access';

/**
 * A stored item that does not hold what its schema says: written by an incompatible version, or corrupted.
 * The message names the item (its key, or what identifies it when the read projected the keys away) and
 * the field, so the item can be found and repaired instead of failing somewhere deep in a use case.
 */
export class UnreadableItemError extends Error {
  constructor(
    readonly item: string,
    readonly field: string,
    detail: string,
  ) {
    super(`Stored item ${item} is unreadable: ${field}: ${detail}`);
    this.name = 'UnreadableItemError';
  }
}

/** How an item names itself in an error: its table key when it was read with it. */
export const itemName = (item: TableItem): string =>
  item.pk === undefined ? JSON.stringify(item).slice(0, 120) : `pk=${String(item.pk)} sk=${String(item.sk)}`;

/**
 * The record `item` stores, parsed by `schema` after `strip` removed the storage attributes (or took the
 * record it embeds); an `UnreadableItemError` naming the item and its first bad field otherwise.
 */
export function readBack<T>(
  schema: z.ZodType<T>,
  item: TableItem,
  strip: (item: TableItem) => unknown = (whole) => whole,
): T {
  const parsed = schema.safeParse(strip(item));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new UnreadableItemError(
    itemName(item),
    issue === undefined || issue.path.length === 0 ? '(item)' : issue.path.join('.'),
    issue?.message ?? 'does not match its schema',
  );
}

/** `readBack` with `schema` and `strip` fixed: a reader for `Array.map`. */
export const readerOf =
  <T>(schema: z.ZodType<T>, strip?: (item: TableItem) => unknown) =>
  (item: TableItem): T =>
    readBack(schema, item, strip);

/**
 * Schemas of some fields of `T`, each checked against the domain's type of that field. Keyed by `keyof T &
 * string` so a union (a record by status) takes the field's union, not one member's type.
 */
export type FieldSchemas<T> = { readonly [K in keyof T & string]?: z.ZodType<T[K]> };

/**
 * A read-back schema of `T` that checks the fields given (the ones the item is keyed, listed and decided by)
 * and keeps the others as written. The compiler checks each field's schema against the domain's type; the
 * one cast from the checked fields to the whole record is here, so no store casts what it reads.
 */
export const checkedFields =
  <T>() =>
  (fields: FieldSchemas<T>): z.ZodType<T> =>
    z.looseObject(fields as z.ZodRawShape) as unknown as z.ZodType<T>;

/** The bookkeeping every versioned record carries (RecordMeta). */
const recordMetaFields: FieldSchemas<RecordMeta> = {
  version: z.number().int().positive(),
  createdAt: z.string().min(1),
  updatedAt: z.string().min(1),
};

/** `checkedFields` of a versioned record: the fields given and its bookkeeping. */
export const storedRecordSchema =
  <T>() =>
  (fields: FieldSchemas<T>): z.ZodType<Stored<T>> =>
    checkedFields<Stored<T>>()({ ...recordMetaFields, ...(fields as FieldSchemas<Stored<T>>) });
