import { describe, expect, it } from 'vitest';
import { ageInDays, matchDeduction } from '../../../domain/deductions/match-deduction';
import { payableClaim } from '../payments/builders';
import { openDeduction } from './builders';

const deduction = openDeduction;

describe('matching a deduction to open claims', () => {
  it('matches the one claim of the same partner and currency within tolerance', () => {
    const claims = [
      payableClaim('C-1', { amountApproved: '100.01' }),
      payableClaim('C-OTHER-PARTNER', { partnerId: 'P2', amountApproved: '100.00' }),
      payableClaim('C-USD', { currency: 'USD', amountApproved: '100.00' }),
      payableClaim('C-FAR', { amountApproved: '100.03' }),
    ];
    expect(matchDeduction(deduction(), claims, '0.02')).toEqual({ kind: 'unique', claimId: 'C-1' });
  });

  it('compares exactly at the tolerance edge (no float drift)', () => {
    const claims = [payableClaim('C-EDGE', { amountApproved: '100.30' })];
    expect(matchDeduction(deduction({ amount: '100.10' }), claims, '0.2')).toEqual({
      kind: 'unique',
      claimId: 'C-EDGE',
    });
    expect(matchDeduction(deduction({ amount: '100.10' }), claims, '0.19')).toEqual({ kind: 'none' });
  });

  it('prefers the claim whose line reference names the deduction’s reference among several candidates', () => {
    const claims = [
      payableClaim('C-A', { amountApproved: '100.00' }),
      payableClaim('C-B', { amountApproved: '100.00' }),
    ];
    expect(matchDeduction(deduction({ reference: 'inv-c-b' }), claims, '0')).toEqual({
      kind: 'unique',
      claimId: 'C-B',
    });
  });

  it('leaves several equally good candidates to a person', () => {
    const claims = [
      payableClaim('C-A', { amountApproved: '100.00' }),
      payableClaim('C-B', { amountApproved: '99.99' }),
    ];
    expect(matchDeduction(deduction(), claims, '0.01')).toEqual({
      kind: 'ambiguous',
      candidateClaimIds: ['C-A', 'C-B'],
    });
  });

  it('never matches a claim already scheduled, paid or not decided', () => {
    const { amountApproved: _none, ...undecided } = payableClaim('C-V', { status: 'validated' });
    const claims = [
      payableClaim('C-S', { status: 'scheduled' }),
      payableClaim('C-P', { status: 'paid' }),
      undecided,
    ];
    expect(matchDeduction(deduction(), claims, '1')).toEqual({ kind: 'none' });
  });

  it('ages an open deduction in whole days', () => {
    expect(ageInDays(deduction(), '2026-03-01')).toBe(0);
    expect(ageInDays(deduction(), '2026-03-31')).toBe(30);
  });
});
