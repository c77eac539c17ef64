import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { createTableFromTemplate, localCredentials } from '../../infra/local/dynamodb-local';
import { localRegion } from '../../infra/local/intrinsics';

/**
 * Creates a fresh table (same keys and indexes as the CDK definition) and points the handlers' settings at
 * it. Call before importing handler modules: they read their settings once, at load.
 */
export async function createTestTable(): Promise<string> {
  const endpoint = inject('dynamoDbEndpoint');
  const tableName = `test-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  await createTableFromTemplate(client, tableName, JSON.parse(inject('tableDefinition')));
  client.destroy();
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  });
  return tableName;
}
