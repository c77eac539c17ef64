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
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
