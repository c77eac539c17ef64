import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { ValidationError } from '../../../domain/shared/errors';
import { RequestError } from './request-error';

/** Turns zod issues into field paths a client can point at, e.g. `sites.0.country`. */
export function validationErrorOf(
  error: z.ZodError,
  where: string,
  prefix: readonly string[] = [],
): ValidationError {
  const issues = error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  return new ValidationError(`The ${where} is invalid`, issues);
}

function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
  prefix: string[],
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationErrorOf(parsed.error, where, prefix);
  return parsed.data;
}

/** Parses and validates a JSON request body. */
export function jsonBody<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> {
  const contentType = event.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(contentType)) {
    throw new RequestError(415, 'Send the body as application/json');
  }
  const text = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RequestError(400, 'The body is not valid JSON', [{ path: '', message: 'is not valid JSON' }]);
  }
  return parseWith(schema, value, 'request body', []);
}

/** Validates path parameters; issues are reported under `path.<name>`. */
export function pathParams<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> {
  return parseWith(schema, event.pathParameters ?? {}, 'request path', ['path']);
}

/** Validates query string parameters; issues are reported under `query.<name>`. */
export function queryParams<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> {
  return parseWith(schema, event.queryStringParameters ?? {}, 'query string', ['query']);
}

/**
 * The version the client read, from `If-Match: "<version>"` (as returned in ETag). Updates without it are
 * refused with 428 so that nobody overwrites a change they never saw.
 */
export function ifMatchVersion(event: APIGatewayProxyEventV2): number {
  const header = event.headers['if-match'];
  if (header === undefined) {
    throw new RequestError(428, 'Send If-Match with the ETag of the version you read', [
      { path: 'header.if-match', message: 'is required' },
    ]);
  }
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match?.[1]) {
    throw new RequestError(400, 'If-Match must be an ETag this API returned', [
      { path: 'header.if-match', message: 'must look like "3"' },
    ]);
  }
  return Number(match[1]);
}
