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

/**
 * What a path segment decodes to when its percent-encoding was malformed: a lone surrogate, a control
 * character, or U+FFFD where a decoder met bytes that are not UTF-8. No id of ours contains them.
 */
const undecodableText =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this detects
  /[\u0000-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Validates path parameters; issues are reported under `path.<name>`. A value that is not clean text is a
 * 400 before any schema or store sees it (a lone surrogate would otherwise fail inside the SDK, as a 500).
 */
export function pathParams<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> {
  const parameters = event.pathParameters ?? {};
  const issues = Object.entries(parameters)
    .filter(([, value]) => value !== undefined && undecodableText.test(value))
    .map(([name]) => ({ path: `path.${name}`, message: 'is not valid percent-encoded UTF-8 text' }));
  if (issues.length > 0)
    throw new RequestError(400, 'The request path is not valid percent-encoding', issues);
  return parseWith(schema, parameters, 'request path', ['path']);
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
