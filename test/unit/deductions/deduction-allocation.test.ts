import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../domain/claims/claim';
import type { Deduction } from '../../../domain/deductions/deduction';
import { allocateDeduction } from '../../../domain/deductions/deduction-allocation';
import { BusinessRuleError, StateConflictError } from '../../../domain/shared/errors';
import { fromMinorUnits, toMinorUnits } from '../../../domain/shared/money/minor-units';
import { payableClaim } from '../payments/builders';
import { openDeduction } from './builders';

const deduction = (amount: string, overrides: Partial<Deduction> = {}): Deduction =>
  openDeduction({ amount, ...overrides });

const byId = (...claims: Claim[]) => new Map(claims.map((claim) => [claim.claimId, claim]));

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof BusinessRuleError) return error.issues;
    throw error;
  }
  throw new Error('expected a BusinessRuleError');
};

describe('allocating a deduction to claims', () => {
  const claims = byId(
    payableClaim('C1', { amountApproved: '60.00' }),
    payableClaim('C2', { amountApproved: '50.00' }),
  );

  it('splits across claims when the amounts sum exactly, with the claims’ program, period and fund', () => {
    const result = allocateDeduction(
      deduction('100.00'),
      [
        { claimId: 'C1', amount: '60' },
        { claimId: 'C2', amount: '40.00' },
      ],
      claims,
      '0',
    );
    expect(result.difference).toBe('0.00');
    expect(result.allocations).toEqual([
      { claimId: 'C1', programId: 'PRG-1', period: '2026-01', fund: 'rebate', amount: '60.00' },
      { claimId: 'C2', programId: 'PRG-1', period: '2026-01', fund: 'rebate', amount: '40.00' },
    ]);
  });

  it('accepts a sum within the tolerance and keeps the signed difference; refuses one cent beyond', () => {
    const sixtyForty = (amount: string) =>
      allocateDeduction(
        deduction(amount),
        [
          { claimId: 'C1', amount: '60.00' },
          { claimId: 'C2', amount: '40.00' },
        ],
        claims,
        '0.05',
      );
    expect(sixtyForty('100.05').difference).toBe('0.05');
    expect(sixtyForty('99.95').difference).toBe('-0.05');
    expect(issuesOf(() => sixtyForty('100.06'))).toEqual([
      { path: 'claims', message: expect.stringContaining('sum to 100.00 EUR') },
    ]);
  });

  it('a tolerance finer than the currency allows no difference (yen)', () => {
    const yen = byId(payableClaim('CY', { currency: 'JPY', amountApproved: '1000' }));
    expect(() =>
      allocateDeduction(
        deduction('1001', { currency: 'JPY' }),
        [{ claimId: 'CY', amount: '1000' }],
        yen,
        '0.50',
      ),
    ).toThrow(BusinessRuleError);
  });

  it('refuses more than is payable on a claim, counting what earlier deductions settled', () => {
    const partlySettled = payableClaim('C3', {
      amountApproved: '50.00',
      deductionSettlements: [{ deductionId: 'DED-0', amount: '20.00', at: '2026-02-25T00:00:00.000Z' }],
    });
    expect(
      issuesOf(() =>
        allocateDeduction(deduction('30.01'), [{ claimId: 'C3', amount: '30.01' }], byId(partlySettled), '0'),
      ),
    ).toEqual([{ path: 'claims.0.amount', message: 'exceeds the 30.00 EUR payable on the claim' }]);
  });

  it('refuses another partner’s or currency’s claim, an unknown claim, a claim named twice, over-precise or zero amounts', () => {
    const mixed = byId(
      payableClaim('C1', { amountApproved: '60.00' }),
      payableClaim('OTHER', { partnerId: 'P2' }),
      payableClaim('USD', { currency: 'USD' }),
    );
    const issues = issuesOf(() =>
      allocateDeduction(
        deduction('100.00'),
        [
          { claimId: 'OTHER', amount: '1.00' },
          { claimId: 'USD', amount: '1.00' },
          { claimId: 'NOPE', amount: '1.00' },
          { claimId: 'C1', amount: '1.005' },
          { claimId: 'C1', amount: '0' },
        ],
        mixed,
        '0',
      ),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'claims.0.claimId',
      'claims.1.claimId',
      'claims.2.claimId',
      'claims.3.amount',
      'claims.4.claimId',
      'claims.4.amount',
    ]);
  });

  it('a scheduled or paid claim cannot be matched: a state conflict (409), not a bad request', () => {
    for (const status of ['scheduled', 'paid', 'inApproval'] as const) {
      const claim = payableClaim('CS', { status });
      expect(() =>
        allocateDeduction(deduction('100.00'), [{ claimId: 'CS', amount: '100.00' }], byId(claim), '0'),
      ).toThrow(StateConflictError);
    }
  });

  it('property: allocations plus the difference are the deduction exactly (no cent lost)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: -5, max: 5 }),
        (cents, offset) => {
          const total = cents.reduce((sum, value) => sum + BigInt(value), 0n) + BigInt(offset);
          fc.pre(total > 0n);
          const claims = byId(
            ...cents.map((value, index) =>
              payableClaim(`C${index}`, { amountApproved: fromMinorUnits(BigInt(value), 'EUR') }),
            ),
          );
          const requested = cents.map((value, index) => ({
            claimId: `C${index}`,
            amount: fromMinorUnits(BigInt(value), 'EUR'),
          }));
          const result = allocateDeduction(
            deduction(fromMinorUnits(total, 'EUR')),
            requested,
            claims,
            '0.05',
          );
          const allocated = result.allocations.reduce(
            (sum, part) => sum + toMinorUnits(part.amount, 'EUR'),
            0n,
          );
          expect(allocated + toMinorUnits(result.difference, 'EUR')).toBe(total);
        },
      ),
      { numRuns: 150 },
    );
  });
});
