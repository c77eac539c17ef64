import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../shared/config';
import { traced } from '../shared/observability';
import { guardedRequestHandler } from './guarded-sockets';
import { sdkResilience } from './sdk-resilience';

/** One document client per Lambda container; `removeUndefinedValues` lets optional fields stay absent. */
export function createDocumentClient(config: Config): DynamoDBDocumentClient {
  const client = traced(
    new DynamoDBClient({
      ...sdkResilience,
      region: config.AWS_REGION,
      requestHandler: guardedRequestHandler,
      ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
    }),
  );
  // The SDK's logger middleware filters every response for sensitive fields even with no logger set (a tenth
  // of a run's CPU reading a million lines); nothing here gives the client a logger.
  client.middlewareStack.remove('loggerMiddleware');
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
