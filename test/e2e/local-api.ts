import { afterAll, beforeAll } from 'vitest';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../infra/local/local-stack';
import { contractViolation } from './route-contract';

export interface ApiCall {
  readonly token?: string | undefined;
  readonly body?: unknown;
  readonly headers?: Record<string, string> | undefined;
}

/**
 * A tiny HTTP client for the local API: JSON in, status + headers + parsed JSON out. Every answer is held to
 * the route's documented contract (see route-contract.ts): an undocumented status or a body off its schema
 * fails the test that made the call.
 */
export function apiClient(stack: LocalStack) {
  return async (method: string, path: string, call: ApiCall = {}) => {
    const response = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...call.headers,
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const json = text && /json/.test(contentType) ? JSON.parse(text) : undefined;
    const violation = contractViolation(method, path, { status: response.status, contentType, json });
    if (violation) throw new Error(`Contract: ${violation}`);
    return {
      status: response.status,
      headers: response.headers,
      // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
      json: json as any,
    };
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/**
 * One in-memory local stack for the calling test file, started before its tests (and before the file's own
 * `beforeAll`, registered after this) and stopped after them. Read `stack` and call `api` from then on.
 */
export function localStackPerFile(seed: NonNullable<LocalStackOptions['seed']>) {
  let stack: LocalStack | undefined;
  let client: ApiClient | undefined;
  const started = () => {
    if (!stack || !client) throw new Error('The local stack is not up yet: use it inside tests and hooks');
    return { stack, client };
  };
  beforeAll(async () => {
    stack = await startLocalStack({ inMemory: true, apiPort: 0, seed });
    client = apiClient(stack);
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });
  const api: ApiClient = (...call) => started().client(...call);
  return {
    api,
    get stack() {
      return started().stack;
    },
  };
}
