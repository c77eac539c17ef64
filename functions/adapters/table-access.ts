import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../../domain/shared/ports';
import { cursorOf, positionOf } from './table-cursor';
import type { ItemKey } from './table-keys/item-key';

/**
 * The three table reads and writes every store repeats: one item by key, a conditional put, and one page
 * of an index partition. Stores keep their own item shapes and conditions; these keep the SDK calls, the
 * cursor codec and the condition-failed rule in one place.
 */
export type TableItem = Record<string, unknown>;

/** Attribute names and values a condition refers to (`#version`, `:expected`). */
export interface ConditionExpression {
  readonly names?: Record<string, string>;
  readonly values?: Record<string, unknown>;
}

/** The item at `key`, read consistently (a write a moment ago is seen). */
export async function getItem(
  client: DynamoDBDocumentClient,
  tableName: string,
  key: ItemKey,
): Promise<TableItem | undefined> {
  const { Item } = await client.send(
    new GetCommand({ TableName: tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }),
  );
  return Item;
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

/**
 * One page of an index partition (only sort keys starting with `prefix`, when given), oldest (lowest sort
 * key) first unless `newestFirst`.
 */
export async function indexPage(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: {
    readonly index: 'gsi1' | 'gsi2' | 'gsi3';
    readonly partition: string;
    readonly prefix?: string;
    readonly page: PageRequest;
    readonly newestFirst?: boolean;
  },
): Promise<Page<TableItem>> {
  const start = positionOf(query.page.cursor).key;
  const { Items = [], LastEvaluatedKey } = await client.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: query.index,
      KeyConditionExpression:
        query.prefix === undefined
          ? `${query.index}pk = :pk`
          : `${query.index}pk = :pk AND begins_with(${query.index}sk, :prefix)`,
      ExpressionAttributeValues: {
        ':pk': query.partition,
        ...(query.prefix === undefined ? {} : { ':prefix': query.prefix }),
      },
      ...(query.newestFirst ? { ScanIndexForward: false } : {}),
      Limit: query.page.limit,
      ...(start === undefined ? {} : { ExclusiveStartKey: start }),
    }),
  );
  return LastEvaluatedKey
    ? { items: Items, nextCursor: cursorOf({ shard: 0, key: LastEvaluatedKey }) }
    : { items: Items };
}

/** A page of items read into records by `read`. */
export const pageMapped = <T>(page: Page<TableItem>, read: (item: TableItem) => T): Page<T> => ({
  ...page,
  items: page.items.map(read),
});

/** Every item a query matches, page after page (the SDK's paginator), for partitions read whole. */
export async function allItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: Omit<QueryCommandInput, 'TableName'>,
): Promise<TableItem[]> {
  const items: TableItem[] = [];
  for await (const page of paginateQuery({ client }, { TableName: tableName, ...query })) {
    items.push(...(page.Items ?? []));
  }
  return items;
}
