import { BatchGetItemCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { readClientOf } from './dynamo-client';
import { unmarshallItem } from './item-unmarshall';
import type { ItemKey } from './table-keys/item-key';

type Item = Record<string, unknown>;

/** DynamoDB's batch limits: 25 writes and 100 reads per request. */
const writeBatchSize = 25;
const readBatchSize = 100;
/** Requests in flight per call: enough to keep several partitions busy without flooding one Lambda. */
const parallelRequests = 8;
const maxAttempts = 12;

/** Jittered exponential backoff before retry `attempt` (1-based). */
export const pause = (attempt: number) =>
  new Promise((resolve) =>
    setTimeout(resolve, Math.min(2_000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2)),
  );

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** Runs `run` over the tasks with at most `parallelRequests` in flight. */
export async function inParallel<T>(tasks: readonly T[], run: (task: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const task = tasks[next++] as T;
      await run(task);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelRequests, tasks.length) }, worker));
}

type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: ItemKey } };

/**
 * Writes every request, retrying what DynamoDB returns as unprocessed (throttling) with jittered backoff;
 * fails only if some request still cannot be written after `maxAttempts`, so nothing is silently dropped.
 */
async function writeAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  writes: readonly WriteRequest[],
): Promise<void> {
  await inParallel(chunks(writes, writeBatchSize), async (chunk) => {
    let requests = chunk;
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt >= maxAttempts)
        throw new Error(`${requests.length} items stayed unprocessed after ${maxAttempts} attempts`);
      if (attempt > 0) await pause(attempt);
      const { UnprocessedItems } = await client.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  });
}

/** Puts every item (see writeAll: unprocessed items are retried, never dropped). */
export function putAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Item[],
): Promise<void> {
  return writeAll(
    client,
    tableName,
    items.map((Item) => ({ PutRequest: { Item } })),
  );
}

/** Deletes every key (see writeAll). */
export function deleteAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
): Promise<void> {
  return writeAll(
    client,
    tableName,
    keys.map((Key) => ({ DeleteRequest: { Key: { pk: Key.pk, sk: Key.sk } } })),
  );
}

/**
 * Reads items by key (absent keys are simply missing from the result), retrying unprocessed keys. A client
 * that reads together (`readTogether`) sends them with the other reads made at the same moment.
 */
export function getAll(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
): Promise<Map<string, Item>> {
  return together.has(client)
    ? readWithOthers(client, tableName, keys)
    : readBatches(client, tableName, keys);
}

async function readBatches(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  const unique = [...new Map(keys.map((key) => [itemKeyId(key), key])).values()];
  await inParallel(chunks(unique, readBatchSize), async (chunk) => {
    let pending: ItemKey[] = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= maxAttempts)
        throw new Error(`${pending.length} keys stayed unprocessed after ${maxAttempts} attempts`);
      if (attempt > 0) await pause(attempt);
      // Through the low-level sibling (middleware resolved once), marshalled as the document client would.
      const { Responses, UnprocessedKeys } = await readClientOf(client).send(
        new BatchGetItemCommand({
          RequestItems: {
            [tableName]: { Keys: pending.map(({ pk, sk }) => marshall({ pk, sk })), ConsistentRead: true },
          },
        }),
      );
      for (const stored of Responses?.[tableName] ?? []) {
        const item = unmarshallItem(stored);
        found.set(itemKeyId(keyOfItem(item)), item);
      }
      pending = (UnprocessedKeys?.[tableName]?.Keys ?? []).map((key) => keyOfItem(unmarshall(key)));
    }
  });
  return found;
}

/** Clients whose reads by key (`getAll`, `getItem`) go out together with the others made at that moment. */
const together = new WeakSet<DynamoDBDocumentClient>();

interface Reader {
  readonly keys: readonly ItemKey[];
  readonly resolve: (found: Map<string, Item>) => void;
  readonly reject: (error: unknown) => void;
}

/** Per client and table, the reads waiting for the next turn of the event loop. */
const waiting = new WeakMap<DynamoDBDocumentClient, Map<string, Reader[]>>();

/**
 * Makes `client`'s reads by key wait for the end of the current turn of the event loop and go out as one
 * consistent BatchGetItem (per 100 keys): a claim's submit reads its fund, references and program, an approval
 * step its claim and policy, each in one request instead of one each (DynamoDB Local's CPU and the SDK's
 * serde and signing are paid per request). Every read was consistent already; nothing else changes.
 */
export function readTogether(client: DynamoDBDocumentClient): DynamoDBDocumentClient {
  together.add(client);
  return client;
}

/** Whether `client` reads together (see `readTogether`). */
export const readsTogether = (client: DynamoDBDocumentClient) => together.has(client);

function readWithOthers(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly ItemKey[],
): Promise<Map<string, Item>> {
  return new Promise((resolve, reject) => {
    let tables = waiting.get(client);
    if (tables === undefined) {
      const due = new Map<string, Reader[]>();
      tables = due;
      waiting.set(client, due);
      setImmediate(() => {
        waiting.delete(client);
        for (const [table, readers] of due) void readFor(client, table, readers);
      });
    }
    tables.set(tableName, [...(tables.get(tableName) ?? []), { keys, resolve, reject }]);
  });
}

/** One read of every reader's keys; each reader gets the items of its own keys. */
async function readFor(client: DynamoDBDocumentClient, tableName: string, readers: readonly Reader[]) {
  try {
    const found = await readBatches(
      client,
      tableName,
      readers.flatMap(({ keys }) => keys),
    );
    for (const { keys, resolve } of readers) {
      const own = keys.flatMap((key): [string, Item][] => {
        const item = found.get(itemKeyId(key));
        return item === undefined ? [] : [[itemKeyId(key), item]];
      });
      resolve(new Map(own));
    }
  } catch (error) {
    for (const { reject } of readers) reject(error);
  }
}

export const itemKeyId = (key: ItemKey) => `${key.pk}\u0000${key.sk}`;

/** The key of a stored item (its `pk` and `sk`). */
export const keyOfItem = (item: Item): ItemKey => ({ pk: String(item.pk), sk: String(item.sk) });
