import { correlationPaths } from '@aws-lambda-powertools/logger/correlationId';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { lambdaEntry } from '../entry-points';
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

/**
 * Wraps an API route's function: the entry-point shape every Lambda has (log lines carry API Gateway's
 * request id as the correlation id) and one place for error mapping, the same for every route.
 */
export function httpApi(route: (event: ApiEvent) => Promise<ApiResponse>) {
  return lambdaEntry(route, { correlationIdPath: correlationPaths.API_GATEWAY_HTTP }).use(
    problemJsonErrors(),
  );
}
