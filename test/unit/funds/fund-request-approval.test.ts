import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/actor';
import { approvalPolicyId } from '../../../domain/approvals/approval-policy-use-cases';
import { allocateFund } from '../../../domain/funds/allocate-fund';
import { fundAllocationSchema } from '../../../domain/funds/fund';
import { fundRequestInputSchema } from '../../../domain/funds/fund-request';
import { decideFundRequest, submitFundRequest } from '../../../domain/funds/fund-request-use-cases';
import { fundUtilization } from '../../../domain/funds/fund-utilization';
import { BusinessRuleError, ForbiddenError } from '../../../domain/shared/errors';
import { approver, channelManager, finance, partnerUser } from '../../support/actors';
import { fundDeps } from './fund-deps';

const p1 = partnerUser('P1');
const secondApprover: Actor = { userId: 'u-appr-2', role: 'approver' };

/**
 * A 40,000.00 USD fund of P1 and a request of `plannedCost` at 50 %, under the default approval policy
 * (one approver up to 10,000.00, an approver then finance above).
 */
async function requestOf(plannedCost: string) {
  const setup = fundDeps();
  const fund = await allocateFund(
    setup.deps,
    channelManager,
    fundAllocationSchema.parse({
      kind: 'discretionary',
      partnerId: 'P1',
      name: 'MDF 2026',
      period: 'FY2026',
      currency: 'USD',
      amount: '40000.00',
      validFrom: '2026-01-01',
      validTo: '2026-06-30',
      claimWindowDays: 60,
    }),
  );
  const submitted = await submitFundRequest(
    setup.deps,
    p1,
    fundRequestInputSchema.parse({
      fundId: fund.fundId,
      activityType: 'tradeShow',
      description: 'Hannover booth',
      startDate: '2026-04-20',
      endDate: '2026-04-24',
      plannedCost,
      sharePercent: '50',
    }),
  );
  return { ...setup, fund, submitted };
}

describe('multi-level approval of fund requests (the approval policy thresholds)', () => {
  it('24,000.00 at 50 % = 12,000.00 > 10,000.00: the approver signs (nothing reserved), then finance approves and reserves', async () => {
    const { deps, fund, submitted } = await requestOf('24000.00');
    const signed = await decideFundRequest(deps, approver, submitted.requestId, { decision: 'approve' });
    expect(signed).toMatchObject({
      status: 'submitted',
      signatures: [{ level: 'approver', by: { userId: approver.userId }, amount: '12000.00' }],
    });
    expect((await fundUtilization(deps, p1, fund.fundId)).reserved).toBe('0.00');
    await expect(
      decideFundRequest(deps, secondApprover, submitted.requestId, { decision: 'approve' }),
    ).rejects.toThrow(/waits for role 'finance'/);
    const approved = await decideFundRequest(deps, finance, submitted.requestId, {
      decision: 'approve',
      amount: '11000.00',
    });
    expect(approved).toMatchObject({ status: 'approved', approvedAmount: '11000.00' });
    expect(await fundUtilization(deps, p1, fund.fundId)).toMatchObject({
      reserved: '11000.00',
      available: '29000.00',
    });
  });

  it('finance may lower, never raise, what the approver approved; finance cannot sign first', async () => {
    const { deps, submitted } = await requestOf('24000.00');
    await expect(
      decideFundRequest(deps, finance, submitted.requestId, { decision: 'approve' }),
    ).rejects.toThrow(ForbiddenError);
    await decideFundRequest(deps, approver, submitted.requestId, { decision: 'approve', amount: '10500.00' });
    const raised = decideFundRequest(deps, finance, submitted.requestId, {
      decision: 'approve',
      amount: '10500.01',
    });
    await expect(raised).rejects.toThrow(BusinessRuleError);
    await expect(raised).rejects.toMatchObject({
      issues: [
        {
          path: 'amount',
          message: 'must be greater than zero and at most the approver-approved 10500.00 USD',
        },
      ],
    });
  });

  it('an approver who lowers 12,000.00 to 9,000.00 (within one level) approves alone', async () => {
    const { deps, submitted } = await requestOf('24000.00');
    const approved = await decideFundRequest(deps, approver, submitted.requestId, {
      decision: 'approve',
      amount: '9000.00',
    });
    expect(approved).toMatchObject({ status: 'approved', approvedAmount: '9000.00' });
    expect(approved.signatures).toBeUndefined();
  });

  it('segregation of duties: an admin who signed the first level may not sign the second; finance may reject after it', async () => {
    const { deps, submitted } = await requestOf('24000.00');
    const admin: Actor = { userId: 'u-admin', role: 'admin' };
    await decideFundRequest(deps, admin, submitted.requestId, { decision: 'approve' });
    await expect(
      decideFundRequest(deps, admin, submitted.requestId, { decision: 'approve' }),
    ).rejects.toThrow(/second person/);
    const rejected = await decideFundRequest(deps, finance, submitted.requestId, {
      decision: 'reject',
      reason: 'Over the quarter’s trade-show budget',
    });
    expect(rejected.status).toBe('rejected');
  });

  it('a stored policy moves the threshold: single approver up to 20,000.00 → 12,000.00 needs one level', async () => {
    const { deps, approvalPolicies, submitted } = await requestOf('24000.00');
    await approvalPolicies.create({
      policyId: approvalPolicyId,
      thresholds: { USD: { autoApproveBelow: '500.00', singleApproverUpTo: '20000.00' } },
      escalation: { remindersBeforeEscalation: 2 },
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const approved = await decideFundRequest(deps, approver, submitted.requestId, { decision: 'approve' });
    expect(approved.status).toBe('approved');
  });

  it('a first signature the fund cannot cover is refused (422) before anyone else signs', async () => {
    const { deps, submitted } = await requestOf('90000.00');
    await expect(
      decideFundRequest(deps, approver, submitted.requestId, { decision: 'approve' }),
    ).rejects.toThrow(/does not cover/);
  });
});
