import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
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

const term = {
  minDecreasePercent: '5',
  eligibilityWindowDays: 60,
  supportedDifferencePercent: '100',
  supportedQuantityPercent: '100',
  includeInTransit: false,
  reverseOnIncrease: false,
  reconciliationToleranceUnits: '0',
};
// The demo's mid-year drop: SWITCHES book costs fall 8 % on 1 July.
const run = {
  priceListId: 'US-2026',
  sku: 'SW-0001',
  effectiveFrom: '2026-07-01',
  partnerIds: ['DIST-NORTH', 'RES-ACME'],
  term,
};

async function uploadInventory() {
  const body = Buffer.from(inventory);
  const ticket = await api('POST', '/uploads', {
    token: north(),
    body: { kind: 'inventory', fileName: 'june-stock.csv', contentType: 'text/csv', sizeBytes: body.length },
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
  expect(file).toMatchObject({ status: 'completed', counts: { accepted: 3 } });
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
});
