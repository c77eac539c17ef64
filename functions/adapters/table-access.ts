import { ConditionalCheckFailedException, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Page, PageRequest } from '../../domain/shared/ports';
import { getAll, itemKeyId, readsTogether } from './dynamo-batch';
import { documentMarshalling, readClientOf } from './dynamo-client';
import { unmarshallItem } from './item-unmarshall';
import { cursorOf, keyAttributes, positionOf } from './table-cursor';
import type { ItemKey } from './table-keys/item-key';

/**
 * The table reads and writes every store repeats: one item by key, a conditional put, one page or every page
 * of a partition, and an item read back without its keys. Stores keep their own item shapes and conditions;
 * these keep the SDK calls, the key conditions, the cursor codec and the condition-failed rule in one place.
 */
export type TableItem = Record<string, unknown>;

/** Attribute names and values a condition refers to (`#version`, `:expected`). */
export interface ConditionExpression {
  readonly names?: Record<string, string>;
  readonly values?: Record<string, unknown>;
}

/** The item at `key`, read consistently (a write a moment ago is seen), through the read client as `readQuery`. */
export async function getItem(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: ItemKey,
): Promise<TableItem | undefined> {
  if (readsTogether(client)) return (await getAll(client, tableName, [key])).get(itemKeyId(key));
  const { Item } = await readClientOf(client).send(
    new GetItemCommand({
      TableName: tableName,
      Key: marshall({ pk: key.pk, sk: key.sk }),
      ConsistentRead: true,
    }),
  );
  return Item && unmarshallItem(Item);
}

/** Puts `item` if `condition` holds; false when it does not (someone else wrote first). */
export async function putIf(
  client: DynamoDBDocumentClient,
  tableName: string,
  item: TableItem,
  condition: string,
  expression: ConditionExpression = {},
): Promise<boolean> {
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ConditionExpression: condition,
        ...(expression.names === undefined ? {} : { ExpressionAttributeNames: expression.names }),
        ...(expression.values === undefined ? {} : { ExpressionAttributeValues: expression.values }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Which sort keys of a partition a query reads: a prefix, an inclusive range, or every key below a bound. */
export type SortKeyCondition =
  | { readonly beginsWith: string }
  | { readonly between: { readonly from: string; readonly to: string } }
  | { readonly below: string };

/** A condition on the items a query reads, applied after the key condition (it does not save reads). */
export interface ItemFilter extends ConditionExpression {
  readonly expression: string;
}

/**
 * One partition of the table (pk, sk) or of an index, and how to read it. Filter placeholders must not start
 * with `:pk`, `:sk` or `#attribute` (the ones the key condition and projection use).
 */
export interface PartitionQuery {
  /** The index read; the table itself when absent. */
  readonly index?: 'gsi1' | 'gsi2' | 'gsi3';
  readonly partition: string;
  readonly sortKey?: SortKeyCondition;
  /** Highest sort key first; lowest first when absent. */
  readonly newestFirst?: boolean;
  /** Only these attributes are read (names, any of them a reserved word). */
  readonly projection?: readonly string[];
  readonly filter?: ItemFilter;
  /** A consistent read (table partitions only): a write a moment ago is seen. */
  readonly consistent?: boolean;
}

function keyConditionOf(query: PartitionQuery): { expression: string; values: Record<string, unknown> } {
  const [pk, sk] = query.index === undefined ? ['pk', 'sk'] : [`${query.index}pk`, `${query.index}sk`];
  const partition = `${pk} = :pk`;
  const values = { ':pk': query.partition };
  const sortKey = query.sortKey;
  if (sortKey === undefined) return { expression: partition, values };
  if ('beginsWith' in sortKey) {
    return {
      expression: `${partition} AND begins_with(${sk}, :skPrefix)`,
      values: { ...values, ':skPrefix': sortKey.beginsWith },
    };
  }
  if ('between' in sortKey) {
    return {
      expression: `${partition} AND ${sk} BETWEEN :skFrom AND :skTo`,
      values: { ...values, ':skFrom': sortKey.between.from, ':skTo': sortKey.between.to },
    };
  }
  return {
    expression: `${partition} AND ${sk} < :skBelow`,
    values: { ...values, ':skBelow': sortKey.below },
  };
}

/** The Query input of a partition query, its values as plain JavaScript (`readQuery` marshals them). */
function queryInputOf(tableName: string, query: PartitionQuery) {
  const key = keyConditionOf(query);
  const projected = query.projection ?? [];
  const names = {
    ...Object.fromEntries(projected.map((name, index) => [`#attribute${index}`, name])),
    ...query.filter?.names,
  };
  return {
    TableName: tableName,
    ...(query.index === undefined ? {} : { IndexName: query.index }),
    KeyConditionExpression: key.expression,
    ExpressionAttributeValues: { ...key.values, ...query.filter?.values },
    ...(Object.keys(names).length === 0 ? {} : { ExpressionAttributeNames: names }),
    ...(projected.length === 0
      ? {}
      : { ProjectionExpression: projected.map((_, index) => `#attribute${index}`).join(',') }),
    ...(query.filter === undefined ? {} : { FilterExpression: query.filter.expression }),
    ...(query.newestFirst ? { ScanIndexForward: false } : {}),
    ...(query.consistent ? { ConsistentRead: true } : {}),
  } satisfies QueryCommandInput;
}

/** A page of listed items; its cursor (when more follow) starts after `lastKey`, in `shard`. */
export function pageAfter<T>(items: T[], lastKey: Record<string, unknown> | undefined, shard = 0): Page<T> {
  return lastKey ? { items, nextCursor: cursorOf({ shard, key: lastKey }) } : { items };
}

/**
 * One Query of `query` (at most `limit` items, after `start`), sent through the document client's read client
 * (`readClientOf`: middleware resolved once per client, not on every call, which the reads on request paths
 * pay for in p99); values marshalled with util-dynamodb and items read back as its unmarshall would (`unmarshallItem`).
 */
export async function readQuery(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: PartitionQuery,
  options: { readonly limit?: number; readonly start?: Record<string, unknown> | undefined } = {},
): Promise<{ items: TableItem[]; lastKey: Record<string, unknown> | undefined }> {
  const input = queryInputOf(tableName, query);
  const result = await readClientOf(client).send(
    new QueryCommand({
      ...input,
      ExpressionAttributeValues: marshall(input.ExpressionAttributeValues, documentMarshalling),
      ...(options.limit === undefined ? {} : { Limit: options.limit }),
      ...(options.start === undefined
        ? {}
        : { ExclusiveStartKey: marshall(options.start, documentMarshalling) }),
    }),
  );
  return {
    items: (result.Items ?? []).map(unmarshallItem),
    lastKey: result.LastEvaluatedKey && unmarshallItem(result.LastEvaluatedKey),
  };
}

/** One page of a partition, from where `page.cursor` says (the first page without one). */
export async function partitionPage(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: PartitionQuery & { readonly page: PageRequest },
): Promise<Page<TableItem>> {
  const start = positionOf(query.page.cursor).key;
  const { items, lastKey } = await readQuery(client, tableName, query, { limit: query.page.limit, start });
  return pageAfter(items, lastKey);
}

/** A page of items read into records by `read`. */
export const pageMapped = <T>(page: Page<TableItem>, read: (item: TableItem) => T): Page<T> => ({
  ...page,
  items: page.items.map(read),
});

/**
 * Every page of a partition, one Query each, the next read only when the caller asks for it: for partitions
 * read whole, or worked through page by page.
 */
export async function* partitionPages(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: PartitionQuery,
): AsyncIterable<TableItem[]> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await readQuery(client, tableName, query, { start });
    yield page.items;
    start = page.lastKey;
  } while (start !== undefined);
}

/** Every item of a partition, page after page. */
export async function allItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: PartitionQuery,
): Promise<TableItem[]> {
  const items: TableItem[] = [];
  for await (const page of partitionPages(client, tableName, query)) items.push(...page);
  return items;
}

/**
 * Reads an item back as the record it stores: a copy without the key attributes (table and index keys) and
 * the `also` attributes the store keeps beside the record (item type, version, bookkeeping).
 */
export function storageStripper(...also: readonly string[]): (item: TableItem) => TableItem {
  const stripped = new Set([...keyAttributes, ...also]);
  // A loop, not Object.fromEntries(entries.filter): every listed item goes through here (a sales-lines page's
  // 25 lines of ~28 attributes), and the entry arrays were ~5 % of a function worker's CPU under read load.
  return (item) => {
    const record: TableItem = {};
    for (const name of Object.keys(item)) if (!stripped.has(name)) record[name] = item[name];
    return record;
  };
}
