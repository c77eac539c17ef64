import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { guardedRequestHandler } from '../../functions/adapters/guarded-sockets';
import { spawnLoopbackDynamoDbLocal } from './dynamodb-loopback';
import { LocalSetupError } from './preflight';
import type { CfnResource } from './template';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  /** The Java process's id. */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/** Local credentials: DynamoDB Local accepts any; s3rver knows only its built-in S3RVER key pair. */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

async function waitUntilReady(
  client: DynamoDBClient,
  process: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (process.exitCode !== null || process.signalCode !== null) {
      const ending = process.signalCode ?? `code ${process.exitCode}`;
      throw new LocalSetupError(`DynamoDB Local exited (${ending}):\n${output()}`);
    }
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new LocalSetupError(`DynamoDB Local did not answer within 60 s:\n${output()}`);
}

/**
 * Starts DynamoDB Local (the official engine: transactions, conditions, GSIs) on 127.0.0.1:`port`, persisted
 * under `dataDirectory` or in memory when it is undefined. It never outlives this process.
 */
export async function startDynamoDbLocal(port: number, dataDirectory?: string): Promise<DynamoDbLocal> {
  if (dataDirectory) mkdirSync(dataDirectory, { recursive: true });
  const child = spawnLoopbackDynamoDbLocal(port, dataDirectory);
  // However this process ends (an uncaught error, process.exit), the Java child ends with it.
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: localCredentials,
    requestHandler: guardedRequestHandler,
  });
  try {
    await waitUntilReady(client, child, () => output);
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    endpoint,
    client,
    pid: child.pid,
    stop: async () => {
      client.destroy();
      await endChild(child, stopGraceMs);
    },
  };
}

/** How long a stopping DynamoDB Local may take to exit on SIGTERM before it is killed. */
const stopGraceMs = 5_000;

/**
 * Ends the Java child: SIGTERM, then SIGKILL if it has not exited within `graceMs` (a JVM that is suspended
 * or stuck in its shutdown never exits on SIGTERM). A child already ended, by a code or by a signal (its
 * `exitCode` stays null then), is left as it is: its 'exit' event has fired and will not fire again.
 */
async function endChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(kill);
}

/**
 * Creates a table as the template defines it (keys, GSIs, TTL); an existing table is left as it is. Whether
 * the table was created now.
 */
export async function createTableFromTemplate(
  client: DynamoDBClient,
  tableName: string,
  table: CfnResource,
): Promise<boolean> {
  const properties = table.Properties ?? {};
  const input = {
    TableName: tableName,
    KeySchema: properties.KeySchema,
    AttributeDefinitions: properties.AttributeDefinitions,
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes,
  } as CreateTableCommandInput;
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if (error instanceof ResourceInUseException) return false;
    throw error;
  }
  const ttl = properties.TimeToLiveSpecification as { AttributeName?: string } | undefined;
  if (ttl?.AttributeName) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
      }),
    );
  }
  return true;
}
