import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ApiEvent, httpApi } from '../../../functions/shared/http/http-api';
import { json } from '../../../functions/shared/http/response';
import { logger } from '../../../functions/shared/logger';
import { capturedStdout } from '../../support/stdout-lines';

const context = { functionName: 'GetCheckbook', awsRequestId: 'lambda-req-1' } as Context;
const event = { rawPath: '/health', requestContext: { requestId: 'api-req-42' } } as unknown as ApiEvent;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('an API route', () => {
  it("logs API Gateway's request id as the correlation id, with no warning about a missing search function", async () => {
    const written = capturedStdout();
    const handler = httpApi(async () => {
      logger.info('reading');
      return json(200, { ok: true });
    });
    expect(await handler(event, context)).toMatchObject({ statusCode: 200 });
    const lines = written.map((text) => JSON.parse(text));
    expect(lines.find((line) => line.message === 'reading')).toMatchObject({
      correlation_id: 'api-req-42',
      function_request_id: 'lambda-req-1',
    });
    expect(lines.filter((line) => line.level === 'WARN')).toEqual([]);
  });
});
