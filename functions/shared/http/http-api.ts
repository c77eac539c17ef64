import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { logger } from '../logger';
import { problemOf } from './problem';
import type { ApiResponse } from './response';

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** Turns any error into an application/problem+json response; unexpected ones are logged with their stack. */
function problemJsonErrors(): MiddlewareObj<ApiEvent, ApiResponse> {
  return {
    onError: (request) => {
      const problem = problemOf(request.error);
      if (problem.status >= 500) logger.error('Unhandled error', { error: request.error as Error });
      request.response = {
        statusCode: problem.status,
        headers: { 'content-type': 'application/problem+json' },
        body: JSON.stringify(problem),
      };
    },
  };
}

/** Wraps an API route's function: one place for error mapping, the same for every route. */
export function httpApi(route: (event: ApiEvent) => Promise<ApiResponse>) {
  return middy<ApiEvent, ApiResponse, Error, Context>(route).use(problemJsonErrors());
}
