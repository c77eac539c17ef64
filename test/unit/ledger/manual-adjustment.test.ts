import { describe, expect, it } from 'vitest';
import { ledgerPostingSchema } from '../../../domain/ledger/ledger-posting';
import {
  approveManualAdjustment,
  type ManualAdjustmentRequest,
  manualAdjustmentSchema,
  rejectManualAdjustment,
  requestManualAdjustment,
} from '../../../domain/ledger/manual-adjustment';
import { BusinessRuleError, ValidationError } from '../../../domain/shared/errors';

const input: ManualAdjustmentRequest = {
  programId: 'PRG-1',
  beneficiaryPartnerId: 'P1',
  fund: 'coop',
  period: 'FY2026-Q1',
  currency: 'USD',
  amount: '-5',
  reason: '  Duplicate invoice credited twice  ',
};
const requested = requestManualAdjustment(input, {
  adjustmentId: 'ADJ-1',
  requestedBy: 'alice',
  requestedOn: '2026-03-10',
});

function issuesOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('requestManualAdjustment', () => {
  it('records the request with the amount in minor units and the reason trimmed', () => {
    expect(requested).toEqual({
      status: 'requested',
      adjustmentId: 'ADJ-1',
      programId: 'PRG-1',
      beneficiaryPartnerId: 'P1',
      fund: 'coop',
      period: 'FY2026-Q1',
      currency: 'USD',
      amount: '-5.00',
      reason: 'Duplicate invoice credited twice',
      requestedBy: 'alice',
      requestedOn: '2026-03-10',
    });
    expect(manualAdjustmentSchema.parse(requested)).toEqual(requested);
  });

  it.each([
    [{ amount: '1.5', currency: 'JPY' }, 'amount', 'JPY has 0 decimals'],
    [{ amount: '-0.00' }, 'amount', 'must not be zero'],
    [{ amount: '1,000' }, 'amount', 'must be a signed decimal string, e.g. "-12.50"'],
    [{ reason: '   ' }, 'reason', 'must not be empty'],
    [{ period: '2026-13' }, 'period', 'must be a program period label: YYYY-MM, FYyyyy-Qn or FYyyyy'],
  ] as const)('refuses %j with an issue at %s', (change, path, message) => {
    const issues = issuesOf(() =>
      requestManualAdjustment(
        { ...input, ...change },
        { adjustmentId: 'A', requestedBy: 'x', requestedOn: '2026-03-10' },
      ),
    );

    expect(issues).toEqual([{ path, message }]);
  });

  it('reports the path of a missing field', () => {
    const { fund: _fund, ...withoutFund } = input;

    const issues = issuesOf(() =>
      requestManualAdjustment(withoutFund as ManualAdjustmentRequest, {
        adjustmentId: 'A',
        requestedBy: 'x',
        requestedOn: '2026-03-10',
      }),
    );

    expect(issues.map((issue) => issue.path)).toEqual(['fund']);
  });
});

describe('approveManualAdjustment', () => {
  it('approves and posts an adjustment dated the approval day', () => {
    const { adjustment, posting } = approveManualAdjustment(requested, {
      approvedBy: 'bob',
      approvedOn: '2026-03-12',
    });

    expect(adjustment).toMatchObject({
      status: 'approved',
      approvedBy: 'bob',
      approvedOn: '2026-03-12',
      postingId: 'adjustment#ADJ-1',
    });
    expect(manualAdjustmentSchema.parse(adjustment)).toEqual(adjustment);
    expect(posting).toMatchObject({
      kind: 'adjustment',
      postingId: 'adjustment#ADJ-1',
      adjustmentId: 'ADJ-1',
      fund: 'coop',
      period: 'FY2026-Q1',
      beneficiaryPartnerId: 'P1',
      partnerId: 'P1',
      amount: '-5.00',
      postedOn: '2026-03-12',
      reason: 'Duplicate invoice credited twice',
    });
    expect(ledgerPostingSchema.parse(posting)).toEqual(posting);
    expect(requested.status).toBe('requested');
  });

  it('refuses the requester as approver (segregation of duties)', () => {
    expect(() =>
      approveManualAdjustment(requested, { approvedBy: 'alice', approvedOn: '2026-03-12' }),
    ).toThrow(BusinessRuleError);
  });

  it('refuses to approve twice, to approve a rejected one, or to approve before the request', () => {
    const { adjustment } = approveManualAdjustment(requested, {
      approvedBy: 'bob',
      approvedOn: '2026-03-12',
    });
    const rejected = rejectManualAdjustment(requested, {
      rejectedBy: 'bob',
      rejectedOn: '2026-03-12',
      reason: 'No',
    });

    expect(() =>
      approveManualAdjustment(adjustment, { approvedBy: 'carol', approvedOn: '2026-03-13' }),
    ).toThrow(/already approved/);
    expect(() =>
      approveManualAdjustment(rejected, { approvedBy: 'carol', approvedOn: '2026-03-13' }),
    ).toThrow(/was rejected/);
    expect(() => approveManualAdjustment(requested, { approvedBy: 'bob', approvedOn: '2026-03-09' })).toThrow(
      BusinessRuleError,
    );
  });
});

describe('rejectManualAdjustment', () => {
  it('rejects with a reason, also when the requester withdraws it', () => {
    const rejected = rejectManualAdjustment(requested, {
      rejectedBy: 'alice',
      rejectedOn: '2026-03-11',
      reason: ' Entered in the wrong program ',
    });

    expect(rejected).toMatchObject({
      status: 'rejected',
      rejectedBy: 'alice',
      rejectionReason: 'Entered in the wrong program',
    });
    expect(manualAdjustmentSchema.parse(rejected)).toEqual(rejected);
  });

  it('needs a reason and refuses an approved or rejected adjustment', () => {
    const { adjustment } = approveManualAdjustment(requested, {
      approvedBy: 'bob',
      approvedOn: '2026-03-12',
    });
    const decision = { rejectedBy: 'bob', rejectedOn: '2026-03-12', reason: 'No' };

    expect(issuesOf(() => rejectManualAdjustment(requested, { ...decision, reason: ' ' }))).toEqual([
      { path: 'reason', message: 'must not be empty' },
    ]);
    expect(() => rejectManualAdjustment(adjustment, decision)).toThrow(BusinessRuleError);
    expect(() => rejectManualAdjustment(rejectManualAdjustment(requested, decision), decision)).toThrow(
      BusinessRuleError,
    );
  });
});
