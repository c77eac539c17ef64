import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { freePort } from '../../infra/local/preflight';
import { dataTemplate, resourcesOfType } from '../../infra/local/template';
import { chrmTemplates } from '../../infra/local/template-cache';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    tableDefinition: string;
  }
}

/**
 * One in-memory DynamoDB Local for the integration suite. Each test file creates its own table from the
 * table definition in the synthesized CDK template, so files never see each other's data.
 */
export default async function setup(project: TestProject) {
  const dynamoDb = await startDynamoDbLocal(await freePort());
  const [, table] =
    resourcesOfType(dataTemplate(await chrmTemplates()), 'AWS::DynamoDB::GlobalTable')[0] ?? [];
  if (!table) throw new Error('The data stack defines no table');
  project.provide('dynamoDbEndpoint', dynamoDb.endpoint);
  project.provide('tableDefinition', JSON.stringify(table));
  return () => dynamoDb.stop();
}
