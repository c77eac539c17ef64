import {
  AlreadyExistsError,
  BusinessRuleError,
  DomainError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  StateConflictError,
  ValidationError,
  VersionConflictError,
} from '../../../domain/shared/errors';
import { RequestError } from './request-error';

/** RFC 9457 problem details, the body of every error response. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldIssue[];
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  500: 'Internal Server Error',
};

function statusOf(error: unknown): number {
  if (error instanceof RequestError) return error.status;
  if (error instanceof ValidationError) return 400;
  if (error instanceof BusinessRuleError) return 422;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof AlreadyExistsError) return 409;
  if (error instanceof StateConflictError) return 409;
  if (error instanceof VersionConflictError) return 412;
  if (error instanceof ForbiddenError) return 403;
  return 500;
}

/**
 * Maps an error to problem details. Only errors raised on purpose keep their message; anything else is an
 * unexpected fault whose details stay in the logs, never in the response.
 */
export function problemOf(error: unknown): Problem {
  const status = statusOf(error);
  const title = titles[status] ?? 'Error';
  const type = `https://chrm.dev/problems/${title.toLowerCase().replaceAll(' ', '-')}`;
  if (status === 500 || !(error instanceof DomainError || error instanceof RequestError)) {
    return { type, title, status, detail: 'An unexpected error occurred; it has been logged.' };
  }
  const issues = 'issues' in error ? (error.issues as readonly FieldIssue[]) : [];
  return { type, title, status, detail: error.message, ...(issues.length > 0 ? { errors: issues } : {}) };
}
