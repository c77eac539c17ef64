import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Liveness for load balancers and the local runtime; needs no token and touches nothing. */
export const handler = async (): Promise<APIGatewayProxyStructuredResultV2> => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ status: 'ok' }),
});
