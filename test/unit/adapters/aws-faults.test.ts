import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { BatchGetItemCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { BatchWriteCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LineWrite } from '../../../domain/channel-files/line-restatement';
import { getAll, putAll } from '../../../functions/adapters/dynamo-batch';
import { DynamoChannelLines } from '../../../functions/adapters/dynamo-channel-lines';
import { createDocumentClient, readClientOf } from '../../../functions/adapters/dynamo-client';
import {
  createEventBridgeClient,
  EventBridgePublisher,
} from '../../../functions/adapters/eventbridge-publisher';
import { createS3Client } from '../../../functions/adapters/s3-client';
import { sdkResilience } from '../../../functions/adapters/sdk-resilience';
import { createSfnClient } from '../../../functions/adapters/sfn-client';
import { sale } from '../channel-files/sale-line';

/**
 * Service faults the emulators cannot produce. aws-sdk-client-mock replaces `send`, so it shows what our
 * adapters do with an answer (unprocessed items, failed entries); the SDK's own retries are shown by a fake
 * request handler under the real middleware stack (no network), answering as the service would.
 */
const settings = { TABLE_NAME: 't', AWS_REGION: 'us-east-1', DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' };
const credentials = { accessKeyId: 'k', secretAccessKey: 's' };
const region = 'us-east-1';

interface FakeAnswer {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly throws?: Error;
}

/** A request handler answering each attempt with the next of `answers` (the last one repeats). */
function fakeService(answers: readonly FakeAnswer[]) {
  const attempts: string[] = [];
  const handler = {
    handle: async (request: { path: string }) => {
      const answer = answers[Math.min(attempts.length, answers.length - 1)] as FakeAnswer;
      attempts.push(request.path);
      if (answer.throws) throw answer.throws;
      return {
        response: {
          statusCode: answer.status,
          headers: { 'content-type': 'application/x-amz-json-1.0', ...answer.headers },
          body: Readable.from([Buffer.from(answer.body ?? '')]),
        },
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
  return { handler, attempts };
}

/** Puts the fake handler under a client built by our own factory, so its retry settings are what is tested. */
function withFake<C extends { config: object }>(client: C, answers: readonly FakeAnswer[]) {
  const fake = fakeService(answers);
  Object.assign(client.config, { requestHandler: fake.handler, credentials: async () => credentials });
  return { client, attempts: fake.attempts };
}

const dynamoError = (type: string) => ({
  status: 400,
  body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: type }),
});

/**
 * Sends with the SDK's backoff waits elapsed at once (fake setTimeout): attempts, retry mode and delays stay
 * those of our factory, only the wall-clock wait (~12 s over this file) is skipped.
 */
async function withoutWaiting<T>(sending: () => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
  const outcome = sending();
  let settled = false;
  outcome.then(
    () => (settled = true),
    () => (settled = true),
  );
  // The first send loads parts of the SDK before it sets a timer: step until the send has settled.
  while (!settled) {
    await vi.advanceTimersToNextTimerAsync();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return outcome;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('every SDK client factory', () => {
  it('retries 6 times in standard mode with request and connection timeouts', async () => {
    const clients = [
      createDocumentClient(settings),
      createS3Client({ region }),
      createSfnClient({ region }),
      createEventBridgeClient({ region }),
    ];
    for (const client of clients) {
      expect(await client.config.maxAttempts()).toBe(sdkResilience.maxAttempts);
      const mode: unknown = client.config.retryMode;
      expect(typeof mode === 'function' ? await mode() : mode).toBe('standard');
      // The handler the SDK made from our options (its resolved settings, read before any request).
      const handler = client.config.requestHandler as unknown as { configProvider: Promise<object> };
      expect(await handler.configProvider).toMatchObject({
        connectionTimeout: 3_000,
        requestTimeout: 30_000,
        throwOnRequestTimeout: true,
      });
    }
  });
});

describe('DynamoDB throttling', () => {
  it('ProvisionedThroughputExceededException twice, then success: the read is retried and answered once', async () => {
    const { client, attempts } = withFake(createDocumentClient(settings), [
      dynamoError('ProvisionedThroughputExceededException'),
      dynamoError('ProvisionedThroughputExceededException'),
      { status: 200, body: JSON.stringify({ Item: { pk: { S: 'P' }, sk: { S: 'S' } } }) },
    ]);
    const { Item } = await withoutWaiting(() =>
      client.send(new GetCommand({ TableName: 't', Key: { pk: 'P', sk: 'S' } })),
    );
    expect(Item).toEqual({ pk: 'P', sk: 'S' });
    expect(attempts).toHaveLength(3);
  });

  it('ThrottlingException that never clears: fails loudly after 6 attempts, not silently', async () => {
    const { client, attempts } = withFake(createDocumentClient(settings), [
      dynamoError('ThrottlingException'),
    ]);
    await expect(
      withoutWaiting(() => client.send(new GetCommand({ TableName: 't', Key: { pk: 'P', sk: 'S' } }))),
    ).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(attempts).toHaveLength(6);
  });
});

describe('BatchWrite partial UnprocessedItems', () => {
  const items = Array.from({ length: 30 }, (_, index) => ({ pk: `P${index}`, sk: 'S' }));

  it('retries exactly the unprocessed items until all are written, each once', async () => {
    const client = createDocumentClient(settings);
    const mock = mockClient(client);
    const written: string[] = [];
    let calls = 0;
    mock.on(BatchWriteCommand).callsFake((input) => {
      calls++;
      const requests = input.RequestItems.t as { PutRequest: { Item: { pk: string } } }[];
      // The first answer of each batch leaves its last two items unprocessed, as a throttled partition does.
      const keep = calls <= 2 ? requests.slice(-2) : [];
      for (const request of requests.slice(0, requests.length - keep.length))
        written.push(request.PutRequest.Item.pk);
      return { UnprocessedItems: keep.length > 0 ? { t: keep } : {} };
    });
    await putAll(client, 't', items);
    expect(written.sort()).toEqual(items.map((item) => item.pk).sort());
    expect(new Set(written).size).toBe(items.length);
  });

  it('fails loudly, naming how many stayed unprocessed, when the table never takes them', async () => {
    vi.useFakeTimers();
    const client = createDocumentClient(settings);
    mockClient(client)
      .on(BatchWriteCommand)
      .callsFake((input) => ({ UnprocessedItems: { t: (input.RequestItems.t as unknown[]).slice(0, 3) } }));
    const outcome = expect(putAll(client, 't', items.slice(0, 5))).rejects.toThrow(
      '3 items stayed unprocessed after 12 attempts',
    );
    await vi.runAllTimersAsync();
    await outcome;
  });

  it('BatchGet partial UnprocessedKeys: the missing keys are read again, none lost', async () => {
    const client = createDocumentClient(settings);
    let calls = 0;
    // getAll reads through the document client's low-level sibling: keys and items as attribute values.
    mockClient(readClientOf(client))
      .on(BatchGetItemCommand)
      .callsFake((input) => {
        calls++;
        const keys = input.RequestItems.t.Keys;
        const [first, ...rest] = keys;
        return calls === 1
          ? { Responses: { t: [first] }, UnprocessedKeys: { t: { Keys: rest } } }
          : { Responses: { t: keys } };
      });
    const found = await getAll(client, 't', items.slice(0, 4));
    expect(found.size).toBe(4);
  });
});

describe('S3 5xx and timeouts', () => {
  const put = () => new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' });

  it('503 SlowDown, then 500, then success: the put is retried and succeeds once', async () => {
    const xmlError = (code: string) => ({
      status: code === 'SlowDown' ? 503 : 500,
      body: `<Error><Code>${code}</Code><Message>${code}</Message></Error>`,
      headers: { 'content-type': 'application/xml' },
    });
    const { client, attempts } = withFake(createS3Client({ region }), [
      xmlError('SlowDown'),
      xmlError('InternalError'),
      { status: 200, headers: { etag: '"e"' } },
    ]);
    const result = await withoutWaiting(() => client.send(put()));
    expect(result.ETag).toBe('"e"');
    expect(attempts).toHaveLength(3);
  });

  it('a request that times out is retried like any transient fault', async () => {
    const timeout = Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });
    const { client, attempts } = withFake(createS3Client({ region }), [
      { status: 0, throws: timeout },
      { status: 200, headers: { etag: '"e"' } },
    ]);
    await withoutWaiting(() => client.send(put()));
    expect(attempts).toHaveLength(2);
  });
});

describe('a service that accepts the connection and never answers', () => {
  it('fails the request after its timeout and retries instead of holding the unit of work until the Lambda dies', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = createDocumentClient({ ...settings, DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}` });
    Object.assign(client.config, { credentials: async () => credentials });
    let requests = 0;
    server.on('request', () => requests++);
    try {
      const read = withoutWaiting(() =>
        client.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } })),
      );
      await expect(read).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(requests).toBe(sdkResilience.maxAttempts);
    } finally {
      server.closeAllConnections();
      server.close();
      client.destroy();
    }
  });
});

describe('Step Functions', () => {
  it('StartExecution ThrottlingException is retried by the client', async () => {
    const { client, attempts } = withFake(createSfnClient({ region }), [
      { status: 400, body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }) },
      { status: 200, body: JSON.stringify({ executionArn: 'arn:x', startDate: 0 }) },
    ]);
    const result = await withoutWaiting(() =>
      client.send(new StartExecutionCommand({ stateMachineArn: 'arn:sm', name: 'run-1' })),
    );
    expect(result.executionArn).toBe('arn:x');
    expect(attempts).toHaveLength(2);
  });
});

describe('EventBridge', () => {
  it('a throttled entry (FailedEntryCount 1) fails the publish instead of dropping the event', async () => {
    const client = createEventBridgeClient({ region });
    mockClient(client)
      .on(PutEventsCommand)
      .resolves({
        FailedEntryCount: 1,
        Entries: [{ ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }],
      });
    const publisher = new EventBridgePublisher(client, 'bus');
    await expect(
      publisher.publish({ source: 'chrm', detailType: 'Test', detail: {} } as never),
    ).rejects.toThrow('ThrottlingException');
  });
});

describe('TransactionCanceledException on the line store', () => {
  const write = (invoiceNumber: string): LineWrite => ({
    line: sale({ invoiceNumber }),
    outcome: 'accepted',
    version: 1,
  });
  const cancelled = (...codes: string[]) =>
    new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: codes.map((Code) => ({ Code })),
    });

  it.each([
    ['ConditionalCheckFailed', 'None'],
    ['TransactionConflict', 'None'],
  ])('%s: the chunk is handed back to re-read and retry, nothing of it written', async (...codes) => {
    const client = createDocumentClient(settings);
    mockClient(client)
      .on(TransactWriteCommand)
      .rejects(cancelled(...codes));
    const writes = [write('OV-1'), write('OV-2')];
    // The store answers the writes a race cancelled; the ingest re-reads their versions and classifies again.
    expect(await new DynamoChannelLines(client, 't').writeLines('file-b', writes)).toEqual(writes);
  });

  it('a cancellation that is not a race (ValidationError) fails the unit of work instead of dropping lines', async () => {
    const client = createDocumentClient(settings);
    mockClient(client).on(TransactWriteCommand).rejects(cancelled('ValidationError', 'None'));
    await expect(new DynamoChannelLines(client, 't').writeLines('file-b', [write('OV-1')])).rejects.toThrow(
      'Transaction cancelled',
    );
  });

  it('after a conflict the retried chunk is written once: one put per line across both attempts', async () => {
    const client = createDocumentClient(settings);
    const written: string[] = [];
    let attempts = 0;
    mockClient(client)
      .on(TransactWriteCommand)
      .callsFake((input) => {
        if (++attempts === 1) throw cancelled('TransactionConflict');
        for (const item of input.TransactItems) written.push(String(item.Put?.Item?.invoiceNumber));
        return {};
      });
    const store = new DynamoChannelLines(client, 't');
    const lost = await store.writeLines('file-b', [write('OV-1')]);
    expect(lost).toHaveLength(1);
    expect(await store.writeLines('file-b', lost)).toEqual([]);
    expect(written).toEqual(['OV-1']);
  });
});
