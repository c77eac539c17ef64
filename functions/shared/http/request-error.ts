import type { FieldIssue } from '../../../domain/shared/errors';

/**
 * A problem with the HTTP request itself rather than with the business (no token, unreadable JSON, missing
 * If-Match). Domain errors cover the rest; both are mapped to problem+json by `problemJsonErrors`.
 */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly status: 400 | 401 | 415 | 428,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}
