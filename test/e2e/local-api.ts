import type { LocalStack } from '../../infra/local/local-stack';

export interface ApiCall {
  readonly token?: string | undefined;
  readonly body?: unknown;
  readonly headers?: Record<string, string> | undefined;
}

/** A tiny HTTP client for the local API: JSON in, status + headers + parsed JSON out. */
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
    return {
      status: response.status,
      headers: response.headers,
      // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
      json: (text ? JSON.parse(text) : undefined) as any,
    };
  };
}
