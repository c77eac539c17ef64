import { HeadObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/funds/fund';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { loadConfig } from '../../functions/shared/config';
import { type ApiHandler, handlerCaller } from '../support/api-handler-call';
import { waitingRequestTask } from '../support/request-approval-tasks';
import { createTestTable } from '../support/test-table';
import { paidPartner } from '../unit/payments/builders';

const handlers: Record<string, ApiHandler> = {};
const s3 = mockClient(S3Client);
// Submits start the request-approval workflow and decisions resume it: Step Functions answers OK.
mockClient(SFNClient);
let claims: DynamoClaimStore;
/** Evidence "in the bucket": key → type and size, answered to HEAD. */
const uploaded = new Map<string, { ContentType: string; ContentLength: number }>();

beforeAll(async () => {
  await createTestTable();
  Object.assign(process.env, {
    UPLOADS_BUCKET: 'chrm-test-uploads',
    EVENT_BUS_NAME: 'chrm-test',
    REQUEST_APPROVAL_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:RequestApproval',
  });
  s3.on(HeadObjectCommand).callsFake((input: { Key: string }) => {
    const object = uploaded.get(input.Key);
    if (object === undefined) throw new NotFound({ message: 'NotFound', $metadata: {} });
    return object;
  });
  const config = loadConfig();
  const client = createDocumentClient(config);
  const partners = masterDataStores(client, config.TABLE_NAME).partners;
  await partners.create(paidPartner('P1'));
  await partners.create(paidPartner('P2'));
  claims = new DynamoClaimStore(client, config.TABLE_NAME);
  const names = [
    'allocate-fund',
    'list-funds',
    'get-fund',
    'get-fund-utilization',
    'get-fund-movements',
    'list-fund-utilization',
    'submit-fund-request',
    'list-fund-requests',
    'get-fund-request',
    'request-evidence-upload',
    'submit-fund-claim',
    'list-fund-claims',
    'get-fund-claim',
    'review-fund-claim',
  ];
  for (const name of names) {
    handlers[name] = (await import(`../../functions/api/funds/${name}.ts`)).handler as ApiHandler;
  }
  handlers.decide = (await import('../../functions/api/approvals/decide-approval-task'))
    .handler as ApiHandler;
});

const channelManager = { sub: 'u-cm', role: 'channel_manager' };
const approver = { sub: 'u-appr', role: 'approver' };
const finance = { sub: 'u-fin', role: 'finance' };
const partnerP1 = { sub: 'u-p1', role: 'partner', partnerId: 'P1' };
const partnerP2 = { sub: 'u-p2', role: 'partner', partnerId: 'P2' };

const call = handlerCaller(handlers);

/** Decides the fund request's waiting approval task in the inbox, as `as`. */
async function decideRequest(as: Record<string, string>, requestId: string, body: unknown) {
  const taskId = await waitingRequestTask({ kind: 'fundRequest', id: requestId });
  return call('decide', as, { path: { taskId }, body });
}

// The handlers read the real clock: every date is relative to today.
const today = new Date().toISOString().slice(0, 10);
const day = (offset: number) => addDays(today, offset);

const allocation = (overrides: Record<string, unknown> = {}) => ({
  kind: 'discretionary',
  partnerId: 'P1',
  name: 'MDF this half',
  period: 'FY2026',
  currency: 'USD',
  amount: '10000.00',
  validFrom: day(-30),
  validTo: day(90),
  claimWindowDays: 60,
  ...overrides,
});

const plan = (fundId: string, overrides: Record<string, unknown> = {}) => ({
  fundId,
  activityType: 'tradeShow',
  description: 'Booth at the regional trade show',
  startDate: day(1),
  endDate: day(3),
  plannedCost: '3000.00',
  sharePercent: '50',
  ...overrides,
});

/** A fund of P1, a request approved for 1,500.00 and one PDF uploaded for it. */
async function approvedRequest() {
  const fund = await call('allocate-fund', channelManager, { body: allocation() });
  expect(fund.status).toBe(201);
  const request = await call('submit-fund-request', partnerP1, { body: plan(fund.json.fundId) });
  expect(request.status).toBe(201);
  const approved = await decideRequest(approver, request.json.requestId, { decision: 'approve' });
  expect(approved.status).toBe(200);
  const ticket = await call('request-evidence-upload', partnerP1, {
    path: { requestId: request.json.requestId },
    body: { fileName: 'booth photo.jpg', contentType: 'image/jpeg', sizeBytes: 150_000 },
  });
  expect(ticket.status).toBe(201);
  uploaded.set(ticket.json.key, { ContentType: 'image/jpeg', ContentLength: 150_000 });
  return {
    fundId: fund.json.fundId as string,
    requestId: request.json.requestId as string,
    key: ticket.json.key as string,
  };
}

describe('fund routes on DynamoDB Local', () => {
  it('allocate → request → approve → claim → approve: an approved mdf claim for payment, utilization to match', async () => {
    const { fundId, requestId, key } = await approvedRequest();
    expect(key).toMatch(new RegExp(`^evidence/P1/${requestId}/`));
    const claim = await call('submit-fund-claim', partnerP1, {
      path: { requestId },
      body: { actualCost: '2400.00', evidence: [key] },
    });
    expect(claim.status).toBe(201);
    expect(claim.json).toMatchObject({ status: 'submitted', payable: '1200.00', amountClaimed: '1200.00' });
    const decided = await call('list-fund-requests', approver, { query: { status: 'submitted' } });
    expect(decided.json.items.map((item: { requestId: string }) => item.requestId)).not.toContain(requestId);
    const approvedOnes = await call('list-fund-requests', approver, { query: { status: 'claimed', fundId } });
    expect(approvedOnes.json.items.map((item: { requestId: string }) => item.requestId)).toEqual([requestId]);
    const inbox = await call('list-fund-claims', approver, { query: { status: 'submitted' } });
    expect(inbox.json.items.map((item: { fundClaimId: string }) => item.fundClaimId)).toContain(
      claim.json.fundClaimId,
    );
    const reviewed = await call('review-fund-claim', finance, {
      path: { fundClaimId: claim.json.fundClaimId },
      body: { decision: 'approve' },
    });
    expect(reviewed.status).toBe(200);
    expect(reviewed.json).toMatchObject({ status: 'approved', amountApproved: '1200.00' });
    expect(await claims.get(reviewed.json.settlementClaimId)).toMatchObject({
      type: 'mdf',
      status: 'approved',
      partnerId: 'P1',
      amountApproved: '1200.00',
    });
    const utilization = await call('get-fund-utilization', partnerP1, { path: { fundId } });
    expect(utilization.json).toMatchObject({
      allocated: '10000.00',
      reserved: '0.00',
      claimed: '1200.00',
      paid: '0.00',
      expired: '0.00',
      available: '8800.00',
    });
    const movements = await call('get-fund-movements', channelManager, { path: { fundId } });
    expect(movements.json.items.map((item: { kind: string }) => item.kind).sort()).toEqual([
      'allocation',
      'claim',
      'release',
      'reservation',
    ]);
    const second = await call('review-fund-claim', approver, {
      path: { fundClaimId: claim.json.fundClaimId },
      body: { decision: 'reject', reason: 'late' },
    });
    expect(second.status).toBe(409);
  });

  it('bad input: 400 on malformed fields, 422 above the approved amount or against an expired fund, 404 for another partner’s fund', async () => {
    const malformed = await call('allocate-fund', channelManager, {
      body: allocation({ amount: '10.001', validTo: day(-40) }),
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'amount',
      'validTo',
    ]);
    expect((await call('allocate-fund', partnerP1, { body: allocation() })).status).toBe(403);

    const { fundId, requestId, key } = await approvedRequest();
    const above = await call('submit-fund-claim', partnerP1, {
      path: { requestId },
      body: { actualCost: '5000.00', amount: '1500.01', evidence: [key] },
    });
    expect(above.status).toBe(422);
    expect(above.json.errors).toEqual([
      { path: 'amount', message: 'is above the approved amount 1500.00 USD' },
    ]);
    const noEvidence = await call('submit-fund-claim', partnerP1, {
      path: { requestId },
      body: { actualCost: '5000.00', evidence: [`evidence/P1/${requestId}/never/uploaded.pdf`] },
    });
    expect(noEvidence.status).toBe(422);
    const wrongType = await call('request-evidence-upload', partnerP1, {
      path: { requestId },
      body: { fileName: 'video.mp4', contentType: 'video/mp4', sizeBytes: 10 },
    });
    expect(wrongType.status).toBe(400);
    const oversize = await call('request-evidence-upload', partnerP1, {
      path: { requestId },
      body: { fileName: 'scan.pdf', contentType: 'application/pdf', sizeBytes: 21 * 1024 ** 2 },
    });
    expect(oversize.status).toBe(400);
    expect(oversize.json.errors).toEqual([{ path: 'sizeBytes', message: 'is over 20 MiB' }]);

    const foreign = await call('submit-fund-request', partnerP2, { body: plan(fundId) });
    expect(foreign.status).toBe(404);

    const expired = await call('allocate-fund', channelManager, {
      body: allocation({ validFrom: day(-100), validTo: day(-10), claimWindowDays: 5 }),
    });
    const late = await call('submit-fund-request', partnerP1, {
      body: plan(expired.json.fundId, { startDate: day(-20), endDate: day(-15) }),
    });
    expect(late.status).toBe(422);
    expect(late.json.errors[0].path).toBe('fundId');

    const outside = await call('submit-fund-request', partnerP1, {
      body: plan(fundId, { endDate: day(91) }),
    });
    expect(outside.status).toBe(422);
    const tooMuch = await call('submit-fund-request', partnerP1, {
      body: plan(fundId, { plannedCost: '30000.00' }),
    });
    const overdraw = await decideRequest(approver, tooMuch.json.requestId, { decision: 'approve' });
    expect(overdraw.status).toBe(422);
    const tooHigh = await decideRequest(approver, tooMuch.json.requestId, {
      decision: 'approve',
      amount: '15000.01',
    });
    expect(tooHigh.status).toBe(422);
    const byPartner = await decideRequest(partnerP1, tooMuch.json.requestId, { decision: 'approve' });
    expect(byPartner.status).toBe(403);
    const rejected = await decideRequest(approver, tooMuch.json.requestId, {
      decision: 'reject',
      reason: 'over budget',
    });
    expect(rejected.json.request).toMatchObject({ status: 'rejected' });
    const noReason = await call('review-fund-claim', approver, {
      path: { fundClaimId: 'FCL-NOPE' },
      body: { decision: 'reject' },
    });
    expect(noReason.status).toBe(400);
    expect((await call('get-fund', channelManager, { path: { fundId: 'not-an-id' } })).status).toBe(400);
  });

  it('two approvers deciding one fund request task at once: one 200, one 409, 1,500.00 reserved once', async () => {
    const fund = await call('allocate-fund', channelManager, { body: allocation() });
    const request = await call('submit-fund-request', partnerP1, { body: plan(fund.json.fundId) });
    const taskId = await waitingRequestTask({ kind: 'fundRequest', id: request.json.requestId });
    const secondApprover = { sub: 'u-appr-2', role: 'approver' };
    const decisions = await Promise.all(
      [approver, secondApprover].map((as) =>
        call('decide', as, { path: { taskId }, body: { decision: 'approve' } }),
      ),
    );
    expect(decisions.map((decision) => decision.status).sort()).toEqual([200, 409]);
    const utilization = await call('get-fund-utilization', partnerP1, { path: { fundId: fund.json.fundId } });
    expect(utilization.json).toMatchObject({ reserved: '1500.00', available: '8500.00' });
  });

  it('a repeated POST /fund-requests with the same Idempotency-Key answers 200 with the first request', async () => {
    const fund = await call('allocate-fund', channelManager, { body: allocation() });
    const body = plan(fund.json.fundId);
    const headers = { 'idempotency-key': `retry-${fund.json.fundId}` };
    const first = await call('submit-fund-request', partnerP1, { body, headers });
    const again = await call('submit-fund-request', partnerP1, { body, headers });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json.requestId).toBe(first.json.requestId);
    const other = await call('submit-fund-request', partnerP1, {
      body: { ...body, plannedCost: '10.00' },
      headers,
    });
    expect(other.status).toBe(409);
    const bad = await call('submit-fund-request', partnerP1, { body, headers: { 'idempotency-key': 'a b' } });
    expect(bad.status).toBe(400);
    const listed = await call('list-fund-requests', partnerP1, { query: { fundId: fund.json.fundId } });
    expect(listed.json.items).toHaveLength(1);
  });

  it('partner isolation: P2 gets 404 on every route naming P1’s fund, request or claim, and lists only its own', async () => {
    const { fundId, requestId, key } = await approvedRequest();
    const claim = await call('submit-fund-claim', partnerP1, {
      path: { requestId },
      body: { actualCost: '1000.00', evidence: [key] },
    });
    expect(claim.status).toBe(201);
    const fundClaimId = claim.json.fundClaimId as string;
    const forged = [
      await call('get-fund', partnerP2, { path: { fundId } }),
      await call('get-fund-utilization', partnerP2, { path: { fundId } }),
      await call('get-fund-movements', partnerP2, { path: { fundId } }),
      await call('submit-fund-request', partnerP2, { body: plan(fundId) }),
      await call('get-fund-request', partnerP2, { path: { requestId } }),
      await call('request-evidence-upload', partnerP2, {
        path: { requestId },
        body: { fileName: 'x.pdf', contentType: 'application/pdf', sizeBytes: 10 },
      }),
      await call('submit-fund-claim', partnerP2, {
        path: { requestId },
        body: { actualCost: '10.00', evidence: [key] },
      }),
      await call('get-fund-claim', partnerP2, { path: { fundClaimId } }),
    ];
    expect(forged.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
    // Staff-only actions are 403 for any partner, whoever owns the record.
    expect(
      (await call('review-fund-claim', partnerP1, { path: { fundClaimId }, body: { decision: 'approve' } }))
        .status,
    ).toBe(403);
    const lists = [
      await call('list-funds', partnerP2, { query: { partnerId: 'P1' } }),
      await call('list-fund-requests', partnerP2, { query: { fundId } }),
      await call('list-fund-claims', partnerP2, { query: { fundId } }),
      await call('list-fund-utilization', partnerP2, { query: { partnerId: 'P1' } }),
    ];
    expect(lists.map((answer) => [answer.status, answer.json.items.length])).toEqual([
      [200, 0],
      [200, 0],
      [200, 0],
      [200, 0],
    ]);
    const own = await call('list-funds', partnerP1, {});
    expect(own.json.items.every((fund: { partnerId: string }) => fund.partnerId === 'P1')).toBe(true);
    expect(own.json.items.map((fund: { fundId: string }) => fund.fundId)).toContain(fundId);
    const ownClaims = await call('list-fund-claims', partnerP1, { query: { fundId } });
    expect(ownClaims.json.items.map((item: { fundClaimId: string }) => item.fundClaimId)).toEqual([
      fundClaimId,
    ]);
  });
});
