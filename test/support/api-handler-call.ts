import type { Context } from 'aws-lambda';
import type { ApiEvent } from '../../functions/shared/http/http-api';
import type { ApiResponse } from '../../functions/shared/http/response';

export type ApiHandler = (event: ApiEvent, context: Context) => Promise<ApiResponse>;

/** What a test sends to a handler, as the API gateway would pass it on. */
export interface HandlerRequest {
  readonly as: Record<string, string>;
  readonly body?: unknown;
  readonly path?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly query?: Record<string, string>;
}

const context = { getRemainingTimeInMillis: () => 10_000 } as Context;

/** Calls an API handler with an API Gateway v2 event whose verified JWT carries `as` (sub, role, partnerId). */
export function callHandler(handler: ApiHandler, request: HandlerRequest): Promise<ApiResponse> {
  const event = {
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    pathParameters: request.path,
    queryStringParameters: request.query,
    isBase64Encoded: false,
    requestContext: { authorizer: { jwt: { claims: request.as, scopes: [] } } },
  } as unknown as ApiEvent;
  return handler(event, context);
}

/** The JSON body of a response. */
export const bodyOf = (response: ApiResponse): unknown => JSON.parse(String(response.body));

/**
 * The `call` of a handler test: the handler named `name` in the test's table, called as `as`; its status,
 * body text and, for a JSON answer (problems included), the parsed body.
 */
export function handlerCaller(handlers: Readonly<Record<string, ApiHandler>>) {
  return async (name: string, as: Record<string, string>, request: Omit<HandlerRequest, 'as'> = {}) => {
    const handler = handlers[name];
    if (!handler) throw new Error(`no handler ${name}`);
    const response = await callHandler(handler, { as, ...request });
    const text = String(response.body ?? '');
    const isJson = String(response.headers?.['content-type'] ?? '').includes('json');
    return {
      status: response.statusCode,
      text,
      // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
      json: (isJson ? JSON.parse(text) : undefined) as any,
    };
  };
}
