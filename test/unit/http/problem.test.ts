import { describe, expect, it } from 'vitest';
import {
  AlreadyExistsError,
  BusinessRuleError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from '../../../domain/shared/errors';
import { problemOf } from '../../../functions/shared/http/problem';
import { RequestError } from '../../../functions/shared/http/request-error';

describe('problemOf', () => {
  it.each([
    [new ValidationError('bad', [{ path: 'name', message: 'required' }]), 400],
    [new RequestError(401, 'no token'), 401],
    [new ForbiddenError('no'), 403],
    [new NotFoundError('gone'), 404],
    [new AlreadyExistsError('dup'), 409],
    [new VersionConflictError('stale', 3), 412],
    [new BusinessRuleError('rule'), 422],
    [new RequestError(428, 'if-match'), 428],
  ])('maps %s to %i', (error, status) => {
    expect(problemOf(error).status).toBe(status);
  });

  it('keeps field issues for the client', () => {
    const problem = problemOf(
      new ValidationError('The request body is invalid', [{ path: 'sites.0.country', message: 'x' }]),
    );
    expect(problem).toEqual({
      type: 'https://chrm.dev/problems/bad-request',
      title: 'Bad Request',
      status: 400,
      detail: 'The request body is invalid',
      errors: [{ path: 'sites.0.country', message: 'x' }],
    });
  });

  it('never exposes the details of an unexpected error', () => {
    const problem = problemOf(new Error('connect ECONNREFUSED 10.0.0.1:8000 password=hunter2'));
    expect(problem.status).toBe(500);
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });
});
