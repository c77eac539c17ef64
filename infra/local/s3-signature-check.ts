import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  ALGORITHM_IDENTIFIER,
  createScope,
  getCanonicalHeaders,
  getCanonicalQuery,
  MAX_PRESIGNED_TTL,
  UNSIGNED_PAYLOAD,
} from '@smithy/signature-v4';

/** A request as S3 sees it: the path and query exactly as sent (the signature covers their encoding). */
export interface SignedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** Why S3 refuses a request: its error code, HTTP status and message. */
export interface S3Refusal {
  readonly status: 400 | 403;
  readonly code: string;
  readonly message: string;
}

/** How far a header-signed request's date may be from our clock, as S3 allows. */
const maxClockSkewMs = 15 * 60 * 1000;

const refuse = (code: string, message: string, status: 400 | 403 = 403): S3Refusal => ({
  status,
  code,
  message,
});
const mismatch = refuse(
  'SignatureDoesNotMatch',
  'The request signature we calculated does not match the signature you provided.',
);

interface Authorization {
  readonly credential: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly longDate: string;
  readonly payloadHash: string;
  /** Presigned URLs only: seconds after `longDate` the URL stops working. */
  readonly expiresSeconds?: number;
}

/**
 * Checks an S3 request the way S3 does with SigV4: it must be signed (Authorization header, as the SDK does,
 * or X-Amz-* query parameters, as presigned URLs are) by `credentials`, the signature must match one computed
 * here over the method, path, query and every header named as signed (so a body of another content type or
 * size than a presigned PUT allows is refused), and a presigned URL must not have expired. Answers the
 * refusal, or undefined when the request may go on. The payload hash is taken as declared, not recomputed.
 */
export function checkS3Signature(
  request: SignedRequest,
  credentials: { readonly accessKeyId: string; readonly secretAccessKey: string },
  now: Date,
): S3Refusal | undefined {
  const queryStart = request.url.indexOf('?');
  const path = queryStart < 0 ? request.url : request.url.slice(0, queryStart);
  const query = parseQuery(queryStart < 0 ? '' : request.url.slice(queryStart + 1));
  const parsed = parseAuthorization(request, query);
  if ('status' in parsed) return parsed;

  const [accessKeyId, shortDate, region, service, terminator] = parsed.credential.split('/');
  if (accessKeyId !== credentials.accessKeyId)
    return refuse('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  if (
    !region ||
    service !== 's3' ||
    terminator !== 'aws4_request' ||
    shortDate !== parsed.longDate.slice(0, 8)
  )
    return refuse('AuthorizationHeaderMalformed', 'The credential scope is malformed.', 400);
  const signedAt = parseLongDate(parsed.longDate);
  if (signedAt === undefined) return refuse('AccessDenied', 'X-Amz-Date is not a valid date.');
  if (parsed.expiresSeconds === undefined) {
    if (Math.abs(now.getTime() - signedAt) > maxClockSkewMs)
      return refuse('RequestTimeTooSkewed', 'The difference between the request time and now is too large.');
  } else if (now.getTime() > signedAt + parsed.expiresSeconds * 1000) {
    return refuse('AccessDenied', 'Request has expired');
  } else if (signedAt - now.getTime() > maxClockSkewMs) {
    return refuse('AccessDenied', 'Request is not valid yet');
  }
  if (!parsed.signedHeaders.includes('host'))
    return refuse('AccessDenied', 'The host header must be signed.');

  const headers: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return mismatch;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // The shape smithy's canonicalizers read; the path is used as sent (S3 does not re-encode it).
  const signable = { method: request.method, protocol: 'http:', hostname: '', path, headers, query };
  const canonicalHeaders = getCanonicalHeaders(signable, undefined, new Set(parsed.signedHeaders));
  const canonicalRequest = [
    request.method,
    path,
    getCanonicalQuery(signable),
    ...Object.keys(canonicalHeaders)
      .sort()
      .map((name) => `${name}:${canonicalHeaders[name]}`),
    '',
    Object.keys(canonicalHeaders).sort().join(';'),
    parsed.payloadHash,
  ].join('\n');
  const scope = createScope(shortDate, region, service);
  const stringToSign = [ALGORITHM_IDENTIFIER, parsed.longDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key: Buffer = hmac(`AWS4${credentials.secretAccessKey}`, shortDate);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'));
  const provided = Buffer.from(parsed.signature);
  return expected.length === provided.length && timingSafeEqual(expected, provided) ? undefined : mismatch;
}

function parseAuthorization(
  request: SignedRequest,
  query: Record<string, string | string[]>,
): Authorization | S3Refusal {
  const header = request.headers.authorization;
  const presigned = 'X-Amz-Algorithm' in query;
  if (header !== undefined && presigned)
    return refuse('InvalidArgument', 'Only one auth mechanism allowed.', 400);
  if (header !== undefined) {
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
        header,
      );
    if (!match) return refuse('AccessDenied', 'Unsupported or malformed Authorization header.');
    const longDate = request.headers['x-amz-date'];
    const payloadHash = request.headers['x-amz-content-sha256'];
    if (typeof longDate !== 'string' || typeof payloadHash !== 'string')
      return refuse('InvalidRequest', 'x-amz-date and x-amz-content-sha256 are required.', 400);
    return {
      credential: match[1] ?? '',
      signedHeaders: (match[2] ?? '').split(';'),
      signature: match[3] ?? '',
      longDate,
      payloadHash,
    };
  }
  if (!presigned) return refuse('AccessDenied', 'Access Denied');
  const single = (name: string) => {
    const value = query[name];
    return typeof value === 'string' ? value : undefined;
  };
  const expires = Number(single('X-Amz-Expires'));
  const credential = single('X-Amz-Credential');
  const signedHeaders = single('X-Amz-SignedHeaders');
  const signature = single('X-Amz-Signature');
  const longDate = single('X-Amz-Date');
  if (
    single('X-Amz-Algorithm') !== ALGORITHM_IDENTIFIER ||
    !credential ||
    !signedHeaders ||
    !signature ||
    !longDate
  )
    return refuse(
      'AuthorizationQueryParametersError',
      'Presigned URL parameters are missing or malformed.',
      400,
    );
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGNED_TTL)
    return refuse('AuthorizationQueryParametersError', 'X-Amz-Expires must be 1 to 604800 seconds.', 400);
  return {
    credential,
    signedHeaders: signedHeaders.split(';'),
    signature,
    longDate,
    payloadHash: UNSIGNED_PAYLOAD,
    expiresSeconds: expires,
  };
}

/** Query parameters decoded once (repeated names kept as lists); `+` is a literal plus in SigV4 URLs. */
function parseQuery(text: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = safeDecode(equals < 0 ? pair : pair.slice(0, equals));
    const value = safeDecode(equals < 0 ? '' : pair.slice(equals + 1));
    const earlier = query[name];
    query[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return query;
}

/** A malformed escape is kept as sent: the signature then fails to match instead of crashing the check. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `20261205T201917Z` → epoch ms. */
function parseLongDate(longDate: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(longDate);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const time = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  return Number.isNaN(time) ? undefined : time;
}

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
