import { type TransactWriteItem, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { documentMarshalling, readClientOf } from './dynamo-client';

type Values = Record<string, unknown>;
/** One item of a TransactWriteItems in the document client's shape (plain values, not attribute values). */
export type DocumentTransactItem = Record<string, unknown>;

const marshalled = (values: unknown) => marshall(values as Values, documentMarshalling);

/** The parts of one transaction item that hold values, marshalled as the document client would. */
function marshalledItem(item: DocumentTransactItem): TransactWriteItem {
  const [[kind, body]] = Object.entries(item) as [[string, Values]];
  const { Item, Key, ExpressionAttributeValues, ...rest } = body;
  return {
    [kind]: {
      ...rest,
      ...(Item === undefined ? {} : { Item: marshalled(Item) }),
      ...(Key === undefined ? {} : { Key: marshalled(Key) }),
      ...(ExpressionAttributeValues === undefined
        ? {}
        : { ExpressionAttributeValues: marshalled(ExpressionAttributeValues) }),
    },
  } as TransactWriteItem;
}

/**
 * Sends one TransactWriteItems of `items` (Put, Update, Delete, ConditionCheck in the document client's
 * shape) through the document client's low-level sibling (`readClientOf`), whose middleware is resolved
 * once: on the claim path the document client's per-command resolution and its walk over the input were a
 * cost of every transaction. Errors are the client's own (TransactionCanceledException with its reasons).
 */
export async function transactWrite(
  client: DynamoDBDocumentClient,
  items: readonly DocumentTransactItem[],
): Promise<void> {
  await readClientOf(client).send(
    new TransactWriteItemsCommand({ TransactItems: items.map(marshalledItem) }),
  );
}
