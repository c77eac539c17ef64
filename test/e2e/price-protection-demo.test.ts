import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { eventually, taskInInbox } from './approval-inbox';
import { localStackPerFile } from './local-api';

const local = localStackPerFile(true);
const { api } = local;
const token = (user: string) => local.stack.tokens[user];

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
