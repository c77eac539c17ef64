import { describe, expect, it } from 'vitest';
import {
  approvalPolicySchema,
  defaultApprovalPolicy,
  requiredLevels,
} from '../../../domain/approvals/approval-policy';

const policy = {
  thresholds: {
    USD: { autoApproveBelow: '500.00', singleApproverUpTo: '10000.00' },
    JPY: { autoApproveBelow: '50000', singleApproverUpTo: '1000000' },
  },
  escalation: { remindersBeforeEscalation: 2 },
};

describe('requiredLevels', () => {
  it.each([
    ['499.99', []],
    ['500.00', ['approver']],
    ['10000.00', ['approver']],
    ['10000.01', ['approver', 'finance']],
  ])('USD %s (auto below 500.00, one approver up to 10,000.00) → %j', (amountClaimed, levels) => {
    expect(requiredLevels(policy, { amountClaimed, currency: 'USD' })).toEqual(levels);
  });

  it('JPY thresholds are whole yen: 1,000,001 needs approver then finance', () => {
    expect(requiredLevels(policy, { amountClaimed: '1000001', currency: 'JPY' })).toEqual([
      'approver',
      'finance',
    ]);
  });

  it('a currency the policy does not cover needs both levels, however small the claim', () => {
    expect(requiredLevels(policy, { amountClaimed: '0.01', currency: 'EUR' })).toEqual([
      'approver',
      'finance',
    ]);
  });

  it('the default policy auto-approves nothing and sends 10,000.01 USD to two levels', () => {
    expect(requiredLevels(defaultApprovalPolicy, { amountClaimed: '0.01', currency: 'USD' })).toEqual([
      'approver',
    ]);
    expect(requiredLevels(defaultApprovalPolicy, { amountClaimed: '10000.01', currency: 'USD' })).toEqual([
      'approver',
      'finance',
    ]);
    expect(approvalPolicySchema.safeParse(defaultApprovalPolicy).success).toBe(true);
  });
});

describe('approvalPolicySchema', () => {
  const issuesOf = (value: unknown) => {
    const parsed = approvalPolicySchema.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
  };

  it('accepts ascending thresholds with the currency minor units', () => {
    expect(issuesOf(policy)).toEqual([]);
  });

  it('refuses descending thresholds, naming the field', () => {
    const descending = {
      ...policy,
      thresholds: { USD: { autoApproveBelow: '900.00', singleApproverUpTo: '100.00' } },
    };
    expect(issuesOf(descending)).toEqual(['thresholds.USD.singleApproverUpTo']);
  });

  it.each([
    ['USD', '10.5'],
    ['USD', '10.500'],
    ['USD', '-1.00'],
    ['JPY', '100.00'],
    ['USD', '1e3'],
  ])('refuses %s amount %s (wrong minor units, sign or form)', (currency, amount) => {
    const value = {
      ...policy,
      thresholds: { [currency]: { autoApproveBelow: amount, singleApproverUpTo: amount } },
    };
    expect(issuesOf(value)).toContain(`thresholds.${currency}.autoApproveBelow`);
  });

  it('refuses an unknown currency', () => {
    const value = { ...policy, thresholds: { XXX: policy.thresholds.USD } };
    expect(issuesOf(value).length).toBeGreaterThan(0);
  });
});
