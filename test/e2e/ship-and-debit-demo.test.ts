import { describe, expect, it } from 'vitest';
import { taskInInbox } from './approval-inbox';
import { localStackPerFile } from './local-api';

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
