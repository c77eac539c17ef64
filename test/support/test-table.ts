import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableFromTemplate, localCredentials } from '../../infra/local/dynamodb-local';
import { localRegion } from '../../infra/local/intrinsics';
import type { CfnResource } from '../../infra/local/template';

/** Where tables are created: the suite's DynamoDB Local and the CDK table definition it was given. */
export interface TableTarget {
  readonly endpoint: string;
  readonly definition: CfnResource;
}

/** The integration suite's target, handed over by its global setup (vitest's provide/inject). */
async function suiteTarget(): Promise<TableTarget> {
  const { inject } = await import('vitest');
  return { endpoint: inject('dynamoDbEndpoint'), definition: JSON.parse(inject('tableDefinition')) };
}

/**
 * Creates a fresh table (same keys and indexes as the CDK definition) and points the handlers' settings at
 * it. Call before importing handler modules: they read their settings once, at load.
 */
export async function createTestTable(target?: TableTarget): Promise<string> {
  const { endpoint, definition } = target ?? (await suiteTarget());
  const tableName = `test-${randomUUID()}`;
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  await createTableFromTemplate(client, tableName, definition);
  client.destroy();
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: endpoint,
    AWS_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    CURSOR_SIGNING_KEY: randomBytes(32).toString('base64url'),
  });
  return tableName;
}
