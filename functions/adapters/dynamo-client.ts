import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../shared/config';
import { traced } from '../shared/observability';
import { sdkResilience } from './sdk-resilience';

function lowLevelClient(
  config: Config,
  options: { readonly cacheMiddleware?: boolean } = {},
): DynamoDBClient {
  const client = traced(
    new DynamoDBClient({
      ...sdkResilience,
      ...options,
      region: config.AWS_REGION,
      ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    }),
  );
  // The SDK's logger middleware filters every response for sensitive fields even with no logger set (a tenth
  // of a run's CPU reading a million lines); nothing here gives the client a logger.
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}

/** The settings of each document client made here, and its read client once made. */
const siblings = new WeakMap<DynamoDBDocumentClient, { config: Config; reads?: DynamoDBClient }>();

/** How the document client marshals (and `readQuery` likewise): optional fields stay absent. */
export const documentMarshalling = { removeUndefinedValues: true } as const;

/** One document client per Lambda container. */
export function createDocumentClient(config: Config): DynamoDBDocumentClient {
  const documents = DynamoDBDocumentClient.from(lowLevelClient(config), {
    // A copy: the document client writes its own settings into the options object it is given.
    marshallOptions: { ...documentMarshalling },
  });
  siblings.set(documents, { config });
  return documents;
}

/**
 * The low-level client beside a document client made by `createDocumentClient` (same settings and sockets,
 * made at first use), for reads sent again and again with new input (every partition Query, `readQuery`): with
 * `cacheMiddleware` it resolves a command's middleware stack once instead of on every call. The document
 * client cannot use that option: its cached handler would resend the first command's input.
 */
export function readClientOf(documents: DynamoDBDocumentClient): DynamoDBClient {
  const sibling = siblings.get(documents);
  if (sibling === undefined)
    throw new Error('readClientOf: the document client was not made by createDocumentClient');
  sibling.reads ??= lowLevelClient(sibling.config, { cacheMiddleware: true });
  return sibling.reads;
}
