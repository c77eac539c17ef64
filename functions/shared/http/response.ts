import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { RecordMeta } from '../../../domain/shared/ports';

export type ApiResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** A versioned record with its ETag, which clients send back in If-Match to update it. */
export function recordResponse(record: RecordMeta, statusCode = 200): ApiResponse {
  return json(statusCode, record, { etag: `"${record.version}"` });
}
