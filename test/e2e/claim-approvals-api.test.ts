import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { signLocalToken } from '../../infra/local/local-auth';
import { taskInInbox } from './approval-inbox';
import { coopClaim } from './coop-claim';
import { localStackPerFile } from './local-api';

const local = localStackPerFile('programs');
const { api } = local;

const token = (user: string) => local.stack.tokens[user];
const manager = () => token('demo-channel-manager');
const approver = () => token('demo-approver');
const finance = () => token('demo-finance');
const admin = () => token('demo-admin');
const north = () => token('demo-partner-dist-north');
const acme = () => token('demo-partner-res-acme');

/** The channel manager submits a coop claim on DIST-NORTH's behalf; it passes validation. */
async function submitCoopClaim(amount: string, reference: string) {
  const submitted = await api('POST', '/claims', {
    token: manager(),
    body: coopClaim(amount, reference, { partnerId: 'DIST-NORTH' }),
  });
  expect(submitted.status).toBe(201);
  expect(submitted.json.status).toBe('validated');
  return submitted.json.claimId as string;
}

async function claimedOnCoopBook() {
  const books = await api('GET', '/partners/DIST-NORTH/checkbook?programId=COOP-2026', { token: finance() });
  expect(books.status).toBe(200);
  const book = books.json.items.find((item: { fund: string }) => item.fund === 'coop');
  return new Decimal(book?.claimed ?? '0');
}

describe('claim approvals through the HTTP API', () => {
  it('reads the default policy, and an admin lowers the single-approver ceiling with If-Match', async () => {
    expect((await api('GET', '/approval-policy', { token: north() })).status).toBe(403);
    const current = await api('GET', '/approval-policy', { token: approver() });
    expect(current.status).toBe(200);
    expect(current.json.isDefault).toBe(true);
    const { isDefault: _default, ...policy } = current.json;
    const lowered = {
      ...policy,
      thresholds: { ...policy.thresholds, USD: { autoApproveBelow: '0.00', singleApproverUpTo: '50.00' } },
    };
    expect((await api('PUT', '/approval-policy', { token: finance(), body: lowered })).status).toBe(403);
    const stored = await api('PUT', '/approval-policy', { token: admin(), body: lowered });
    expect(stored.status).toBe(201);
    expect(stored.json.thresholds.USD.singleApproverUpTo).toBe('50.00');
    const etag = stored.headers.get('etag') ?? '';
    const replace = (ifMatch: string) =>
      api('PUT', '/approval-policy', { token: admin(), body: lowered, headers: { 'if-match': ifMatch } });
    expect((await replace(etag)).status).toBe(200);
    expect((await replace(etag)).status).toBe(412);
  });

  it('takes a validated claim through approver and finance to approved, and the checkbook shows it claimed', async () => {
    const claimedBefore = await claimedOnCoopBook();
    const claimId = await submitCoopClaim('60.00', 'E2E-APPROVAL-1');

    const first = await taskInInbox(api, approver(), claimId);
    expect(first).toMatchObject({ level: 'approver', levels: ['approver', 'finance'], status: 'waiting' });
    expect(first.claim).toMatchObject({ amountClaimed: '60.00', currency: 'USD', validationFailures: [] });
    expect(JSON.stringify(first)).not.toMatch(/token/i);

    const decision = `/approvals/${first.taskId}/decision`;
    expect((await api('POST', decision, { token: north(), body: { decision: 'approve' } })).status).toBe(403);
    // The channel manager who submitted the claim, also holding the approver role, may not approve it.
    const submitterAsApprover = await signLocalToken(local.stack.signingKey, {
      sub: 'demo-channel-manager',
      role: 'approver',
    });
    const own = await api('POST', decision, { token: submitterAsApprover, body: { decision: 'approve' } });
    expect(own.status).toBe(403);
    expect((await api('POST', decision, { token: manager(), body: { decision: 'approve' } })).status).toBe(
      403,
    );

    const approved = await api('POST', decision, { token: approver(), body: { decision: 'approve' } });
    expect(approved.status).toBe(200);
    expect(approved.json.task).toMatchObject({ status: 'decided', decidedBy: { userId: 'demo-approver' } });
    const twice = await api('POST', decision, { token: approver(), body: { decision: 'approve' } });
    expect(twice.status).toBe(409);

    const second = await taskInInbox(api, finance(), claimId);
    expect(second).toMatchObject({ level: 'finance', levelIndex: 1 });
    const signed = await api('POST', `/approvals/${second.taskId}/decision`, {
      token: finance(),
      body: { decision: 'approve' },
    });
    expect(signed.status).toBe(200);

    // The workflow settles after the last decision: the claim posting lands in the checkbook.
    let claimed = await claimedOnCoopBook();
    for (let attempt = 0; attempt < 200 && claimed.eq(claimedBefore); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      claimed = await claimedOnCoopBook();
    }
    expect(claimed.minus(claimedBefore).toFixed(2)).toBe('60.00');
    const claim = (await api('GET', `/claims/${claimId}`, { token: north() })).json;
    expect(claim).toMatchObject({ status: 'approved', amountApproved: '60.00' });
    expect(claim.history.map((entry: { by: { userId: string } }) => entry.by.userId)).toEqual(
      expect.arrayContaining(['demo-channel-manager', 'demo-approver', 'demo-finance']),
    );
  });

  it('returns a claim to its partner, who alone may answer; approval resumes and the approver rejects it', async () => {
    const claimId = await submitCoopClaim('30.00', 'E2E-RETURN-1');
    const first = await taskInInbox(api, approver(), claimId);
    expect(first.levels).toEqual(['approver']);
    const returned = await api('POST', `/approvals/${first.taskId}/decision`, {
      token: approver(),
      body: { decision: 'returnToPartner', question: 'Which trade show was this booth for?' },
    });
    expect(returned.status).toBe(200);
    expect(returned.json.claim.status).toBe('returnedToPartner');

    const answer = { answer: 'The March networking expo' };
    expect((await api('POST', `/claims/${claimId}/answer`, { token: acme(), body: answer })).status).toBe(
      404,
    );
    let answered = await api('POST', `/claims/${claimId}/answer`, { token: north(), body: answer });
    // The workflow opens the partner's task a moment after the return: until then the answer is early (409).
    for (let attempt = 0; attempt < 200 && answered.status === 409; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answered = await api('POST', `/claims/${claimId}/answer`, { token: north(), body: answer });
    }
    expect(answered.status).toBe(200);

    const again = await taskInInbox(api, approver(), claimId);
    expect(again.taskId).not.toBe(first.taskId);
    const rejected = await api('POST', `/approvals/${again.taskId}/decision`, {
      token: approver(),
      body: { decision: 'reject', reasonCode: 'insufficientEvidence' },
    });
    expect(rejected.status).toBe(200);
    let claim = (await api('GET', `/claims/${claimId}`, { token: north() })).json;
    for (let attempt = 0; attempt < 200 && claim.status !== 'rejected'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      claim = (await api('GET', `/claims/${claimId}`, { token: north() })).json;
    }
    expect(claim.status).toBe('rejected');
    expect((await api('GET', `/claims/${claimId}`, { token: acme() })).status).toBe(404);
  });
});
