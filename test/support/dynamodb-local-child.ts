/**
 * Starts DynamoDB Local from a separate process and reports the Java child's pid, so a test can kill this
 * process (SIGKILL: no handler runs) and check that the Java child does not outlive it.
 */
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { freePort } from '../../infra/local/preflight';

const dynamoDb = await startDynamoDbLocal(await freePort());
console.log(JSON.stringify({ javaPid: dynamoDb.pid, endpoint: dynamoDb.endpoint }));
setInterval(() => undefined, 60_000);
