import { Readable } from 'node:stream';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { BatchGetCommand, BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getAll, putAll } from '../../../functions/adapters/dynamo-batch';
import { createDocumentClient } from '../../../functions/adapters/dynamo-client';
import {
  createEventBridgeClient,
  EventBridgePublisher,
} from '../../../functions/adapters/eventbridge-publisher';
import { createS3Client } from '../../../functions/adapters/s3-client';
import { sdkResilience } from '../../../functions/adapters/sdk-resilience';
import { createSfnClient } from '../../../functions/adapters/sfn-client';

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
    const { Item } = await client.send(new GetCommand({ TableName: 't', Key: { pk: 'P', sk: 'S' } }));
    expect(Item).toEqual({ pk: 'P', sk: 'S' });
    expect(attempts).toHaveLength(3);
  }, 20_000);

  it('ThrottlingException that never clears: fails loudly after 6 attempts, not silently', async () => {
    const { client, attempts } = withFake(createDocumentClient(settings), [
      dynamoError('ThrottlingException'),
    ]);
    await expect(
      client.send(new GetCommand({ TableName: 't', Key: { pk: 'P', sk: 'S' } })),
    ).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(attempts).toHaveLength(6);
  }, 60_000);
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
    mockClient(client)
      .on(BatchGetCommand)
      .callsFake((input) => {
        calls++;
        const keys = input.RequestItems.t.Keys as { pk: string; sk: string }[];
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
    const result = await client.send(put());
    expect(result.ETag).toBe('"e"');
    expect(attempts).toHaveLength(3);
  }, 20_000);

  it('a request that times out is retried like any transient fault', async () => {
    const timeout = Object.assign(new Error('socket timed out'), { name: 'TimeoutError' });
    const { client, attempts } = withFake(createS3Client({ region }), [
      { status: 0, throws: timeout },
      { status: 200, headers: { etag: '"e"' } },
    ]);
    await client.send(put());
    expect(attempts).toHaveLength(2);
  }, 20_000);
});

describe('Step Functions', () => {
  it('StartExecution ThrottlingException is retried by the client', async () => {
    const { client, attempts } = withFake(createSfnClient({ region }), [
      { status: 400, body: JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' }) },
      { status: 200, body: JSON.stringify({ executionArn: 'arn:x', startDate: 0 }) },
    ]);
    const result = await client.send(new StartExecutionCommand({ stateMachineArn: 'arn:sm', name: 'run-1' }));
    expect(result.executionArn).toBe('arn:x');
    expect(attempts).toHaveLength(2);
  }, 20_000);
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
