import { createDocumentClient } from '../functions/adapters/dynamo-client';
import { localCredentials, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { freePort } from '../infra/local/preflight';
import { dataTemplate, resourcesOfType } from '../infra/local/template';
import { chrmTemplates } from '../infra/local/template-cache';

/**
 * DynamoDB Local on a free port for a bench (in memory, or kept in `dataDirectory`), with the local
 * credentials set, the data stack's table definition (to create tables from) and a document client on it.
 * The caller stops it.
 */
export async function benchDynamoDb(dataDirectory?: string) {
  const dynamoDb = await startDynamoDbLocal(await freePort(), dataDirectory);
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  });
  const [, definition] =
    resourcesOfType(dataTemplate(await chrmTemplates()), 'AWS::DynamoDB::GlobalTable')[0] ?? [];
  if (!definition) {
    await dynamoDb.stop();
    throw new Error('The data stack defines no table');
  }
  const client = createDocumentClient({
    TABLE_NAME: 'bench',
    AWS_REGION: 'us-east-1',
    DYNAMODB_ENDPOINT: dynamoDb.endpoint,
  });
  return { dynamoDb, definition, client };
}
