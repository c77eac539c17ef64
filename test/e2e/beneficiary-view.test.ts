import { describe, expect, it } from 'vitest';
import { signLocalToken } from '../../infra/local/local-auth';
import { localStackPerFile } from './local-api';

const local = localStackPerFile('programs');
const { api } = local;
const token = (sub: string) => local.stack.tokens[sub];

async function waitForRun(runId: string) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const run = await api('GET', `/accrual-runs/${runId}`, { token: token('demo-finance') });
    if (run.json.status === 'completed' || run.json.status === 'failed') return run.json;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} never finished`);
}

describe("a beneficiary that did not sell (the buying group paid on DIST-NORTH's sales)", () => {
  it("sees totals per product and period, never DIST-NORTH's customers, invoices or line revenue", async () => {
    // Arrange: a per-unit rebate on DIST-NORTH's March sales, paid to the buying group BG-ALLIANCE.
    const programId = 'E2E-GROUP-PAID';
    const created = await api('POST', '/programs', {
      token: token('demo-channel-manager'),
      body: {
        programId,
        name: 'Buying-group rebate on a member',
        currency: 'USD',
        periodGranularity: 'month',
        eligibility: {
          startDate: '2026-01-01',
          partners: ['DIST-NORTH'],
          beneficiaryPartnerId: 'BG-ALLIANCE',
        },
        terms: {
          kind: 'volume',
          basis: 'quantity',
          method: 'retrospective',
          rateType: 'amountPerUnit',
          tiers: [{ from: '0', rate: '0.5' }],
        },
      },
    });
    expect(created.status).toBe(201);
    const activated = await api('POST', `/programs/${programId}/activate`, {
      token: token('demo-approver'),
      headers: { 'if-match': '"1"' },
    });
    expect(activated.status).toBe(200);
    const started = await api('POST', '/accrual-runs', {
      token: token('demo-finance'),
      body: { period: { start: '2026-03-01', end: '2026-03-31' } },
    });
    expect((await waitForRun(started.json.runId)).status).toBe('completed');
    const path = `/accrual-runs/${started.json.runId}/programs/${programId}/entries`;
    const group = await signLocalToken(local.stack.signingKey, {
      sub: 'e2e-group-user',
      role: 'partner',
      partnerId: 'BG-ALLIANCE',
    });

    // Act
    const staff = await api('GET', path, { token: token('demo-finance') });
    const seller = await api('GET', path, { token: token('demo-partner-dist-north') });
    const beneficiary = await api('GET', path, { token: group });

    // Assert: staff and the seller see the traces; the buying group sees aggregates only.
    expect(staff.status).toBe(200);
    const staffText = JSON.stringify(staff.json);
    expect(staffText).toContain('sourceLineIds');
    expect(seller.json.items.length).toBe(staff.json.items.length);
    expect(beneficiary.status).toBe(200);
    expect(beneficiary.json.items.length).toBeGreaterThan(0);
    for (const item of beneficiary.json.items) {
      expect(item.view).toBe('beneficiary-aggregate');
      expect(Object.keys(item)).not.toEqual(
        expect.arrayContaining(['endCustomerId', 'billTo', 'salesperson', 'trace', 'key']),
      );
    }
    const beneficiaryText = JSON.stringify(beneficiary.json);
    for (const entry of staff.json.items) {
      for (const lineId of entry.trace.sourceLineIds) expect(beneficiaryText).not.toContain(lineId);
      if (entry.endCustomerId) expect(beneficiaryText).not.toContain(`"${entry.endCustomerId}"`);
    }
  });
});
