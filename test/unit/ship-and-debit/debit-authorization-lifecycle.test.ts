import { describe, expect, it } from 'vitest';
import { BusinessRuleError, StateConflictError } from '../../../domain/shared/errors';
import { debitAuthorizationSchema } from '../../../domain/ship-and-debit/debit-authorization';
import {
  amendDebitAuthorization,
  approveDebitAuthorization,
  cancelDebitAuthorization,
  expireDebitAuthorization,
} from '../../../domain/ship-and-debit/debit-authorization-lifecycle';
import { sampleAuthorization } from './authorization-fixtures';

const change = { at: '2026-10-15T10:00:00.000Z', by: 'user-approver' };

describe('debit authorization model', () => {
  it('refuses a remaining quantity above the cap, a product listed twice and an approval without issue date', () => {
    const authorization = sampleAuthorization();
    const [line] = authorization.lines;
    const paths = (value: unknown) =>
      debitAuthorizationSchema.safeParse(value).error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({ ...authorization, lines: [{ ...line, remainingQuantity: 6000 }] })).toEqual([
      'lines.0.remainingQuantity',
    ]);
    const { issuedOn: _, ...unissued } = authorization;
    expect(paths({ ...unissued, lines: [line, line] })).toEqual(['lines.1.productSku', 'issuedOn']);
  });

  it('refuses a percent above 100 and a negative down-to cost', () => {
    const line = sampleAuthorization().lines[0];
    const withPricing = (pricing: unknown) =>
      debitAuthorizationSchema.safeParse({ ...sampleAuthorization(), lines: [{ ...line, pricing }] }).success;
    expect(withPricing({ method: 'downByPercent', percent: '100.5' })).toBe(false);
    expect(withPricing({ method: 'downTo', authorizedCost: '-1.00' })).toBe(false);
    expect(withPricing({ method: 'downByPercent', percent: '6.25' })).toBe(true);
  });
});

describe('debit authorization lifecycle', () => {
  it('approval may authorize another quantity than requested; remaining starts at the cap', () => {
    const request = sampleAuthorization({ status: 'requested', version: 1 });
    const lines = request.lines.map((line) => ({ ...line, quantityCap: 300, remainingQuantity: 0 }));
    const approved = approveDebitAuthorization(request, '2026-09-30', change, { ...request, lines });
    expect(approved.status).toBe('approved');
    expect(approved.issuedOn).toBe('2026-09-30');
    expect(approved.lines.map((line) => line.remainingQuantity)).toEqual([300, 300]);
    expect(approved.history).toEqual([expect.objectContaining({ version: 1, status: 'requested' })]);
    expect(() => approveDebitAuthorization(approved, '2026-09-30', change)).toThrow(StateConflictError);
  });

  it('an amendment keeps what was claimed (cap 1000, 900 claimed, new cap 1200 → 300 left) and the old version', () => {
    const authorization = sampleAuthorization();
    const lines = authorization.lines.map((line) => ({ ...line, quantityCap: 1200 }));
    const amended = amendDebitAuthorization(authorization, { ...authorization, lines }, change);
    expect(amended.status).toBe('amended');
    expect(amended.version).toBe(3);
    expect(amended.lines.find((line) => line.productSku === 'GX-200')?.remainingQuantity).toBe(300);
    expect(amended.history.at(-1)).toMatchObject({ version: 2, lines: authorization.lines });
  });

  it('an amendment may not cap a product below what is claimed, nor drop a claimed product', () => {
    const authorization = sampleAuthorization();
    const [first, second] = authorization.lines;
    if (first === undefined || second === undefined) throw new Error('fixture');
    const below = { ...authorization, lines: [first, { ...second, quantityCap: 800 }] };
    expect(() => amendDebitAuthorization(authorization, below, change)).toThrow(BusinessRuleError);
    expect(() =>
      amendDebitAuthorization(authorization, { ...authorization, lines: [first] }, change),
    ).toThrow(BusinessRuleError);
  });

  it('cancels once; expires only after validTo', () => {
    const authorization = sampleAuthorization();
    const cancelled = cancelDebitAuthorization(authorization, change);
    expect(cancelled.status).toBe('cancelled');
    expect(() => cancelDebitAuthorization(cancelled, change)).toThrow(StateConflictError);
    expect(expireDebitAuthorization(authorization, '2026-12-31', change)).toBe(authorization);
    expect(expireDebitAuthorization(authorization, '2027-01-01', change).status).toBe('expired');
  });
});
