import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { demoPriceEntries } from '../../infra/local/demo/demo-channel';
import { term } from '../unit/price-protection/builders';
import { eventually, taskInInbox } from './approval-inbox';
import { localStackPerFile } from './local-api';

const local = localStackPerFile('masterData');
const { api } = local;

const token = (user: string) => local.stack.tokens[user];
const manager = () => token('demo-channel-manager');
const approver = () => token('demo-approver');
const north = () => token('demo-partner-dist-north');
const acme = () => token('demo-partner-res-acme');

/** DIST-NORTH's stock of SW-0001: none in May, 50 received on 10 June at the January cost, all held on 30 June. */
const inventory = [
  'sku,as_of_date,quantity_on_hand,quantity_received,uom,warehouse',
  'SW-0001,2026-05-01,0,0,EA,W1',
  'SW-0001,2026-06-10,50,50,EA,W1',
  'SW-0001,2026-06-30,50,0,EA,W1',
].join('\n');

// The demo's mid-year drop: SWITCHES book costs fall 8 % on 1 July.
const run = {
  priceListId: 'US-2026',
  sku: 'SW-0001',
  effectiveFrom: '2026-07-01',
  partnerIds: ['DIST-NORTH', 'RES-ACME'],
  term,
};

async function uploadInventory(csv = inventory, fileName = 'june-stock.csv') {
  const body = Buffer.from(csv);
  const ticket = await api('POST', '/uploads', {
    token: north(),
    body: { kind: 'inventory', fileName, contentType: 'text/csv', sizeBytes: body.length },
  });
  expect(ticket.status).toBe(201);
  const put = await fetch(ticket.json.uploadUrl, {
    method: 'PUT',
    headers: ticket.json.requiredHeaders,
    body,
  });
  expect(put.status).toBe(200);
  const file = await eventually(
    async () => (await api('GET', `/channel-files/${ticket.json.file.fileId}`, { token: north() })).json,
    (read) => !['awaiting_upload', 'received', 'processing'].includes(read.status),
  );
  expect(file).toMatchObject({ status: 'completed', counts: { accepted: csv.split('\n').length - 1 } });
}

describe('price protection through the HTTP API', () => {
  it('price drop → eligible inventory → generated claim → partner accepts → approved; another partner sees nothing', async () => {
    await uploadInventory();
    const started = await api('POST', '/price-protection-runs', { token: manager(), body: run });
    expect(started.status).toBe(201);
    const { oldUnitCost, newUnitCost } = started.json.run;
    expect(started.json.run).toMatchObject({
      direction: 'decrease',
      outcome: 'claimsGenerated',
      claimCount: 1,
    });
    const expected = new Decimal(oldUnitCost).minus(newUnitCost).times(50).toFixed(2);
    const northLine = started.json.lines.find(
      (line: { partnerId: string }) => line.partnerId === 'DIST-NORTH',
    );
    expect(northLine).toMatchObject({
      status: 'awaitingPartner',
      protection: {
        reportedOnHand: '50',
        computedOnHand: '50',
        eligibleQuantity: '50',
        amount: expected,
        review: [],
      },
    });
    const acmeLine = started.json.lines.find((line: { partnerId: string }) => line.partnerId === 'RES-ACME');
    expect(acmeLine).toMatchObject({ status: 'nothingToProtect' });
    const claimId: string = northLine.claimId;

    const again = await api('POST', '/price-protection-runs', { token: manager(), body: run });
    expect(again.status).toBe(200);
    expect(again.json.claims.map((claim: { claimId: string }) => claim.claimId)).toEqual([claimId]);

    expect((await api('GET', `/price-protection-claims/${claimId}`, { token: acme() })).status).toBe(404);
    expect((await api('POST', `/price-protection-claims/${claimId}/accept`, { token: acme() })).status).toBe(
      404,
    );
    expect((await api('GET', '/price-protection-claims', { token: acme() })).json.items).toEqual([]);
    const mine = await api('GET', '/price-protection-claims', { token: north() });
    expect(mine.json.items.map((item: { claim: { claimId: string } }) => item.claim.claimId)).toEqual([
      claimId,
    ]);

    const accepted = await api('POST', `/price-protection-claims/${claimId}/accept`, { token: north() });
    expect(accepted.status).toBe(200);
    expect(accepted.json.claim).toMatchObject({
      type: 'priceProtection',
      status: 'validated',
      amountClaimed: expected,
    });

    // The default policy lets nothing out unsigned: an approver decides, then the workflow settles it.
    const task = await taskInInbox(api, approver(), claimId);
    expect(task).toMatchObject({ level: 'approver', status: 'waiting' });
    const decided = await api('POST', `/approvals/${task.taskId}/decision`, {
      token: approver(),
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    const claim = await eventually(
      async () => (await api('GET', `/claims/${claimId}`, { token: north() })).json,
      (read) => read.status === 'approved',
    );
    expect(claim).toMatchObject({ status: 'approved', amountApproved: expected });
  });

  it("a drop smaller than the term's minimum (8 % against 50 %) creates no claim", async () => {
    const small = await api('POST', '/price-protection-runs', {
      token: manager(),
      body: {
        ...run,
        sku: 'SW-0002',
        effectiveFrom: '2026-07-01',
        term: { ...term, minDecreasePercent: '50' },
      },
    });
    expect(small.status).toBe(201);
    expect(small.json.run).toMatchObject({ direction: 'decrease', outcome: 'belowMinimum', claimCount: 0 });
    expect(small.json.claims).toEqual([]);
  });

  it('CB-0002 rises 10 % on 1 August (the term recovers): DIST-NORTH owes on the 20 units bought before, readable as its recovery; the 1 September drop back pays 30 units less that recovery', async () => {
    const january = demoPriceEntries.find(
      (entry) => entry.sku === 'CB-0002' && entry.effectiveFrom === '2026-01-01',
    );
    const low = new Decimal(january?.bookCost as string);
    const high = low.times('1.10').toDecimalPlaces(2);
    const admin = token('demo-admin');
    for (const [effectiveFrom, bookCost] of [
      ['2026-08-01', high],
      ['2026-09-01', low],
    ] as const) {
      const added = await api('POST', '/price-lists/US-2026/entries', {
        token: admin,
        body: { sku: 'CB-0002', effectiveFrom, listPrice: january?.listPrice, bookCost: bookCost.toFixed(2) },
      });
      expect(added.status).toBe(201);
    }
    // 20 received in July at the low cost, 30 more in August at the high one, none sold.
    await uploadInventory(
      [
        'sku,as_of_date,quantity_on_hand,quantity_received,uom,warehouse',
        'CB-0002,2026-06-01,0,0,EA,W1',
        'CB-0002,2026-07-10,20,20,EA,W1',
        'CB-0002,2026-07-31,20,0,EA,W1',
        'CB-0002,2026-08-10,50,30,EA,W1',
        'CB-0002,2026-08-31,50,0,EA,W1',
      ].join('\n'),
      'cb-stock.csv',
    );
    const recovers = { ...term, reverseOnIncrease: true };
    const rise = await api('POST', '/price-protection-runs', {
      token: manager(),
      body: {
        ...run,
        sku: 'CB-0002',
        effectiveFrom: '2026-08-01',
        partnerIds: ['DIST-NORTH'],
        term: recovers,
      },
    });
    const owed = low.minus(high).times(20).toFixed(2);
    expect(rise.json.run).toMatchObject({
      direction: 'increase',
      outcome: 'recoveryComputed',
      claimCount: 0,
    });
    expect(rise.json.claims).toEqual([]);
    const runId: string = rise.json.run.runId;

    const recovery = await api('GET', `/price-protection-recoveries/${runId}`, { token: north() });
    expect(recovery.status).toBe(200);
    expect(recovery.json).toMatchObject({
      status: 'recovery',
      protection: { eligibleQuantity: '20', amount: owed },
    });
    expect(recovery.json.offsetByClaimId).toBeUndefined();
    const listed = await api('GET', '/price-protection-recoveries', { token: north() });
    expect(listed.json.items.map((line: { runId: string }) => line.runId)).toEqual([runId]);
    expect((await api('GET', `/price-protection-recoveries/${runId}`, { token: acme() })).status).toBe(404);
    expect((await api('GET', '/price-protection-recoveries', { token: acme() })).json.items).toEqual([]);
    const named = await api('GET', '/price-protection-recoveries?partnerId=DIST-NORTH', { token: acme() });
    expect(named.json.items).toEqual([]);
    const staff = `/price-protection-recoveries/${runId}?partnerId=DIST-NORTH`;
    expect((await api('GET', staff, { token: manager() })).status).toBe(200);

    const dropBack = {
      ...run,
      sku: 'CB-0002',
      effectiveFrom: '2026-09-01',
      partnerIds: ['DIST-NORTH'],
      term: recovers,
    };
    const drop = await api('POST', '/price-protection-runs', { token: manager(), body: dropBack });
    const protectedAmount = high.minus(low).times(30);
    const net = protectedAmount.plus(owed).toFixed(2);
    expect(drop.json.lines[0]).toMatchObject({
      protection: { eligibleQuantity: '30', amount: protectedAmount.toFixed(2) },
      recoveryOffsets: [{ runId, amount: low.minus(high).times(-20).toFixed(2) }],
    });
    expect(drop.json.claims).toEqual([expect.objectContaining({ amountClaimed: net })]);
    const claimId: string = drop.json.lines[0].claimId;
    const settled = await api('GET', `/price-protection-recoveries/${runId}`, { token: north() });
    expect(settled.json).toMatchObject({ offsetByClaimId: claimId, version: 2 });
    const again = await api('POST', '/price-protection-runs', { token: manager(), body: dropBack });
    expect(again.json.claims).toEqual([expect.objectContaining({ claimId, amountClaimed: net })]);
  });
});
