import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiHandler, bodyOf, callHandler } from '../support/api-handler-call';
import { createTestTable } from '../support/test-table';

let getPolicy: ApiHandler;
let savePolicy: ApiHandler;

beforeAll(async () => {
  await createTestTable();
  // Handlers read their settings at load, so they are imported once the table exists.
  getPolicy = (await import('../../functions/api/approvals/get-approval-policy')).handler as ApiHandler;
  savePolicy = (await import('../../functions/api/approvals/save-approval-policy')).handler as ApiHandler;
});

const admin = { sub: 'u-admin', role: 'admin' };
const policy = {
  thresholds: { USD: { autoApproveBelow: '100.00', singleApproverUpTo: '5000.00' } },
  escalation: { remindersBeforeEscalation: 1 },
};

describe('approval policy handlers on DynamoDB Local', () => {
  it('serves the default until an admin stores one, then versions it with If-Match', async () => {
    const initial = await callHandler(getPolicy, { as: { sub: 'u-appr', role: 'approver' } });
    expect(initial.statusCode).toBe(200);
    expect(initial.headers?.etag).toBeUndefined();
    expect(bodyOf(initial)).toMatchObject({
      isDefault: true,
      thresholds: { USD: { singleApproverUpTo: '10000.00' } },
    });

    const created = await callHandler(savePolicy, { as: admin, body: policy });
    expect(created.statusCode).toBe(201);
    expect(created.headers?.etag).toBe('"1"');
    expect((await callHandler(savePolicy, { as: admin, body: policy })).statusCode).toBe(409);

    const changed = { ...policy, escalation: { remindersBeforeEscalation: 3 } };
    const replaced = await callHandler(savePolicy, {
      as: admin,
      body: changed,
      headers: { 'if-match': '"1"' },
    });
    expect(replaced.statusCode).toBe(200);
    const stale = await callHandler(savePolicy, { as: admin, body: policy, headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(412);

    const read = await callHandler(getPolicy, { as: { sub: 'u-fin', role: 'finance' } });
    expect(read.headers?.etag).toBe('"2"');
    expect(bodyOf(read)).toMatchObject({ escalation: { remindersBeforeEscalation: 3 } });
  });

  it('refuses partners (403 on read and write) and non-admin staff on write', async () => {
    const partner = { sub: 'u-P1', role: 'partner', partnerId: 'P1' };
    expect((await callHandler(getPolicy, { as: partner })).statusCode).toBe(403);
    expect((await callHandler(savePolicy, { as: partner, body: policy })).statusCode).toBe(403);
    expect(
      (await callHandler(savePolicy, { as: { sub: 'u-fin', role: 'finance' }, body: policy })).statusCode,
    ).toBe(403);
  });

  it('refuses descending thresholds and over-precise amounts with the field path (400)', async () => {
    const bad = {
      ...policy,
      thresholds: { USD: { autoApproveBelow: '900.00', singleApproverUpTo: '100.001' } },
    };
    const refused = await callHandler(savePolicy, { as: admin, body: bad });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers?.['content-type']).toBe('application/problem+json');
    expect(bodyOf(refused)).toMatchObject({ errors: [{ path: 'thresholds.USD.singleApproverUpTo' }] });
  });
});
