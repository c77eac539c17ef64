// First: settings the functions' modules read when they load.
import './local-process-env';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { runUpgrades } from '../../functions/adapters/upgrades';
import { localCredentials, startDynamoDbLocal } from './dynamodb-local';
import { localRegion } from './intrinsics';
import { defaultDataDirectory } from './local-stack';
import { assertJavaAvailable, freePort, LocalSetupError } from './preflight';
import { dataTemplate, resourcesOfType } from './template';
import { chrmTemplates } from './template-cache';

const usage =
  'Usage: npm run backfill -- [--data-dir .chrm-local | --dynamodb-endpoint http://127.0.0.1:8000] [--segments 4] [--restart]';

/**
 * The upgrade backfill (README, "Upgrading") against the local stack's data: its data
 * directory while the stack is stopped, or the DynamoDB Local of a running stack (`npm start --
 * --dynamodb-port 8000`, then `--dynamodb-endpoint http://127.0.0.1:8000`). The same code as the Lambda.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: defaultDataDirectory },
      'dynamodb-endpoint': { type: 'string' },
      segments: { type: 'string', default: '4' },
      restart: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return console.log(usage);
  const segments = Number(values.segments);
  if (!Number.isInteger(segments) || segments < 1 || segments > 64)
    throw new LocalSetupError(`--segments must be 1-64\n${usage}`);
  const [table] = resourcesOfType(dataTemplate(await chrmTemplates()), 'AWS::DynamoDB::GlobalTable');
  const tableName = table?.[0] ?? 'Table';
  let endpoint = values['dynamodb-endpoint'];
  let stop = async () => {};
  if (endpoint === undefined) {
    const dataDirectory = path.join(values['data-dir'], 'dynamodb');
    if (!existsSync(dataDirectory))
      throw new LocalSetupError(`${values['data-dir']} holds no local stack data\n${usage}`);
    assertJavaAvailable();
    const dynamoDb = await startDynamoDbLocal(await freePort(), dataDirectory);
    endpoint = dynamoDb.endpoint;
    stop = dynamoDb.stop;
  }
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  });
  const client = createDocumentClient({
    TABLE_NAME: tableName,
    AWS_REGION: localRegion,
    DYNAMODB_ENDPOINT: endpoint,
  });
  try {
    const outcome = await runUpgrades(client, tableName, { segments, restart: values.restart });
    console.log(JSON.stringify(outcome, null, 2));
  } finally {
    client.destroy();
    await stop();
  }
}

main().catch((error: unknown) => {
  const known =
    error instanceof LocalSetupError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION';
  console.error(`Backfill failed: ${known ? (error as Error).message : error}`);
  process.exit(1);
});
