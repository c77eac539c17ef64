import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { demoWonDealId } from '../../infra/local/demo/seed-demo-deals';
import { eventually, taskInInbox } from './approval-inbox';
import { localStackPerFile } from './local-api';

/** What the full demo seed of `npm start` leaves for ship & debit and price protection (one stack for both). */
const local = localStackPerFile(true);
const { api } = local;
const token = (user: string) => local.stack.tokens[user];

describe('the ship & debit demo', () => {
  it('seeds DA-DEMO-0001 (8 × SW-0001 to C-9) and Northwind’s 844: 12 cut to 8 at 20.00 = 160.00, waiting for the approver', async () => {
    const seeded = local.stack.seededShipAndDebit;
    expect(seeded).toMatchObject({ authorizationNumber: 'DA-DEMO-0001', amountApproved: '160.00' });

    const authorization = await api('GET', '/debit-authorizations/DA-DEMO-0001', {
      token: token('demo-partner-dist-north'),
    });
    expect(authorization.json).toMatchObject({ status: 'approved', partnerId: 'DIST-NORTH' });
    expect(authorization.json.lines[0]).toMatchObject({ quantityCap: 8, remainingQuantity: 0 });
    const claim = await api('GET', `/ship-and-debit-claims/${seeded?.claimId}`, {
      token: token('demo-partner-dist-north'),
    });
    expect(claim.json.results.map((result: { x12Code?: string }) => result.x12Code)).toEqual(['04', '03']);
    const task = await taskInInbox(api, token('demo-approver'), seeded?.settlementClaimId ?? '');
    expect(task.claim).toMatchObject({ type: 'shipAndDebit', amountClaimed: '160.00' });
  });
});

describe('the ship & debit demo by CSV upload', () => {
  it('seeds Northwind’s claim uploaded as CSV (4 × SW-0001 to C-12, no authorization quoted): matched to the blanket DA-DEMO-BLANKET, 80.00 approved', async () => {
    const seeded = local.stack.seededShipAndDebit;
    const north = token('demo-partner-dist-north');
    const claim = await api('GET', `/ship-and-debit-claims/${seeded?.csvClaimId}`, { token: north });
    expect(claim.json).toMatchObject({
      channel: 'csv',
      sourceFileId: seeded?.csvFileId,
      amountApproved: '80.00',
      results: [{ outcome: 'approved', appliedAuthorizationNumber: 'DA-DEMO-BLANKET' }],
    });
    const file = await api('GET', `/channel-files/${seeded?.csvFileId}`, { token: north });
    expect(file.json).toMatchObject({ kind: 'shipAndDebitClaim', status: 'completed' });
    const blanket = await api('GET', '/debit-authorizations/DA-DEMO-BLANKET', { token: north });
    expect(blanket.json).toMatchObject({ coverage: { kind: 'anyEndCustomer' } });
    expect(blanket.json.lines[0]).toMatchObject({ quantityCap: 20, remainingQuantity: 16 });
  });
});

describe('the ship & debit demo segment blanket', () => {
  it('seeds DA-DEMO-SEGMENT-EDU (10 × SW-0001 to any end customer in EDU) and the end customers of that segment in the master: C-21 and C-22', async () => {
    const blanket = await api('GET', '/debit-authorizations/DA-DEMO-SEGMENT-EDU', {
      token: token('demo-partner-dist-north'),
    });
    expect(blanket.json).toMatchObject({ status: 'approved', coverage: { kind: 'segment', segment: 'EDU' } });
    expect(blanket.json.lines[0]).toMatchObject({ quantityCap: 10, remainingQuantity: 10 });
    const schools = await api('GET', '/end-customers?segment=EDU', { token: token('demo-channel-manager') });
    expect(schools.json.items.map((each: { endCustomerId: string }) => each.endCustomerId)).toEqual([
      'C-21',
      'C-22',
    ]);
  });
});

describe('the won demo deal', () => {
  it('has its debit authorization: Initech’s 25 × SW-0001, requested by the channel manager, linked both ways', async () => {
    const registration = await api('GET', `/deal-registrations/${demoWonDealId}`, {
      token: token('demo-partner-res-acme'),
    });
    expect(registration.json).toMatchObject({
      status: 'won',
      debitAuthorizationNumber: `DA-${demoWonDealId}`,
    });
    const authorization = await api('GET', `/debit-authorizations/DA-${demoWonDealId}`, {
      token: token('demo-partner-res-acme'),
    });
    expect(authorization.json).toMatchObject({
      status: 'requested',
      dealRegistrationId: demoWonDealId,
      coverage: { endCustomerId: 'C-INITECH' },
      lines: [{ productSku: 'SW-0001', quantityCap: 25 }],
    });
  });
});

describe('the demo price protection run', () => {
  it('seeds DIST-CANADA a claim for 15 units of SW-0007 bought at the January cost, accepted and waiting for the approver, who approves it', async () => {
    const seeded = local.stack.seededPriceProtection;
    expect(seeded?.claimId).toBeDefined();
    const claimId = seeded?.claimId as string;
    const run = await api('GET', `/price-protection-runs/${seeded?.runId}`, {
      token: token('demo-channel-manager'),
    });
    expect(run.status).toBe(200);
    const { oldUnitCost, newUnitCost } = run.json.run;
    const expected = new Decimal(oldUnitCost).minus(newUnitCost).times(15).toFixed(2);
    expect(run.json.lines).toEqual([
      expect.objectContaining({
        partnerId: 'DIST-CANADA',
        status: 'accepted',
        protection: expect.objectContaining({
          reportedOnHand: '59',
          eligibleQuantity: '15',
          outsideWindow: '44',
          amount: expected,
        }),
      }),
    ]);
    const task = await taskInInbox(api, token('demo-approver'), claimId);
    expect(task.claim).toMatchObject({ amountClaimed: expected, currency: 'USD' });
    const decided = await api('POST', `/approvals/${task.taskId}/decision`, {
      token: token('demo-approver'),
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    const claim = await eventually(
      async () => (await api('GET', `/claims/${claimId}`, { token: token('demo-finance') })).json,
      (read) => read.status === 'approved',
    );
    expect(claim).toMatchObject({ type: 'priceProtection', status: 'approved', amountApproved: expected });
  });
});

describe('the demo price protection recovery', () => {
  it('seeds DIST-CANADA’s open recovery of WL-0001’s 15 April cost rise: 20 bought at 182.00, now 191.10 → −182.00', async () => {
    const seeded = local.stack.seededPriceProtection;
    expect(seeded?.recoveryAmount).toBe('-182.00');
    const recovery = await api(
      'GET',
      `/price-protection-recoveries/${seeded?.recoveryRunId}?partnerId=DIST-CANADA`,
      { token: token('demo-channel-manager') },
    );
    expect(recovery.json).toMatchObject({
      status: 'recovery',
      protection: expect.objectContaining({ eligibleQuantity: '20', amount: '-182.00' }),
    });
    expect(recovery.json).not.toHaveProperty('offsetByClaimId');
  });
});
