import { describe, expect, it } from 'vitest';
import { contractViolation } from '../../e2e/route-contract';

const problem = (status: number) => ({
  status,
  contentType: 'application/problem+json',
  json: { type: 'https://chrm.dev/problems/x', title: 'X', status, detail: 'x' },
});

describe('the contract every e2e answer is held to', () => {
  it('accepts the three answers that once diverged: 401 problem, 415 on a body route, 412 on PUT mapping profile', () => {
    expect(contractViolation('GET', '/partners', problem(401))).toBeUndefined();
    expect(contractViolation('POST', '/products', problem(415))).toBeUndefined();
    expect(contractViolation('PUT', '/partners/P1/mapping-profiles/pos', problem(412))).toBeUndefined();
  });

  it('refuses a 401 that is not problem+json, as the local gateway once answered', () => {
    const plain = { status: 401, contentType: 'application/json', json: { message: 'Unauthorized' } };
    expect(contractViolation('GET', '/partners', plain)).toMatch(/not application\/problem\+json/);
  });

  it('refuses a status the route does not document: 201 from a run request that answers 202', () => {
    const answer = { status: 201, contentType: 'application/json', json: {} };
    expect(contractViolation('POST', '/accrual-runs', answer)).toMatch(/not documented/);
  });

  it('refuses a success body off the documented schema', () => {
    const answer = { status: 200, contentType: 'application/json', json: { items: [{ fileId: 7 }] } };
    expect(contractViolation('GET', '/channel-files', answer)).toMatch(/off its schema/);
  });

  it('matches a literal route before a templated one of the same shape', () => {
    expect(contractViolation('GET', '/accrual-runs?limit=5', problem(404))).toMatch(/not documented/);
  });
});
