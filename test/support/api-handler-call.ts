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
