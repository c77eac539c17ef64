import { itemKeyId, keyOfItem } from './dynamo-batch';
import type { ItemKey } from './table-keys/item-key';

type Item = Record<string, unknown>;

/**
 * A list attribute that can pass DynamoDB's 400 KB item limit (a partner's thousands of claims in one
 * payment, a batch's thousands of excluded claims): when it would, the item keeps an empty list and
 * `<field>Parts` = n, and the values go, in order, into n part items beside it.
 */
export interface ListInParts {
  readonly field: string;
  readonly partType: string;
  partKey(item: Item, part: number): ItemKey;
}

/** JSON bytes of values one part holds at most (DynamoDB's own size is close to JSON's). */
export const partBytes = 300_000;

const countField = (list: ListInParts) => `${list.field}Parts`;

/** The values cut, in order, into parts of at most `partBytes` (one part when they fit). */
function cut(values: readonly unknown[]): unknown[][] {
  const parts: unknown[][] = [[]];
  let bytes = 0;
  for (const value of values) {
    const size = JSON.stringify(value).length;
    const part = parts.at(-1) ?? [];
    if (part.length > 0 && bytes + size > partBytes) {
      parts.push([value]);
      bytes = size;
    } else {
      part.push(value);
      bytes += size;
    }
  }
  return parts;
}

/** The items that store `item`: itself alone when its list fits, else itself without the list and its parts. */
export function itemWithParts(item: Item, list: ListInParts): Item[] {
  const parts = cut((item[list.field] as readonly unknown[] | undefined) ?? []);
  if (parts.length === 1) return [item];
  return [
    { ...item, [list.field]: [], [countField(list)]: parts.length },
    ...parts.map((values, part) => ({ ...list.partKey(item, part), type: list.partType, values })),
  ];
}

/** The keys of a stored item's parts (none when its list is inline). */
export const partKeysOf = (item: Item, list: ListInParts): ItemKey[] =>
  Array.from({ length: Number(item[countField(list)] ?? 0) }, (_, part) => list.partKey(item, part));

/** The stored item with its list put back in order from `parts` (by item key id), the part count removed. */
export function withListFromParts(item: Item, list: ListInParts, parts: ReadonlyMap<string, Item>): Item {
  if (item[countField(list)] === undefined) return item;
  const { [countField(list)]: _count, ...rest } = item;
  const values = partKeysOf(item, list).flatMap((key) => {
    const part = parts.get(itemKeyId(key));
    if (part === undefined) throw new Error(`${list.field} of ${key.pk} lacks its part ${key.sk}`);
    return part.values as unknown[];
  });
  return { ...rest, [list.field]: values };
}

/** The part items among `items`, by item key id. */
export const partsAmong = (items: readonly Item[], list: ListInParts): Map<string, Item> =>
  new Map(
    items.filter((item) => item.type === list.partType).map((item) => [itemKeyId(keyOfItem(item)), item]),
  );
