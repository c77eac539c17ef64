import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerPostingSchema } from '../../../domain/ledger/ledger-posting';
import { fromMinorUnits, isLedgerAmount, toMinorUnits } from '../../../domain/shared/money/minor-units';
import { posting, postingArbitrary } from './builders';

describe('ledger amounts', () => {
  it.each([
    ['-12.30', 'USD'],
    ['0.00', 'USD'],
    ['1200', 'JPY'],
    ['-7', 'JPY'],
  ] as const)('accepts %s %s', (amount, currency) => {
    expect(isLedgerAmount(amount, currency)).toBe(true);
  });

  it.each([
    ['12.3', 'USD'],
    ['12.300', 'USD'],
    ['012.30', 'USD'],
    ['+1.00', 'USD'],
    ['-0.00', 'USD'],
    ['1e3', 'USD'],
    ['12.00', 'JPY'],
    ['', 'USD'],
  ] as const)('refuses %j %s', (amount, currency) => {
    expect(isLedgerAmount(amount, currency)).toBe(false);
  });

  it('property: minor units round-trip through the text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (value) => {
        const text = fromMinorUnits(value, 'USD');
        expect(isLedgerAmount(text, 'USD')).toBe(value !== 0n || text === '0.00');
        expect(toMinorUnits(text, 'USD')).toBe(value);
      }),
    );
  });
});

describe('ledgerPostingSchema', () => {
  it('property: accepts every posting the builders make', () => {
    fc.assert(
      fc.property(postingArbitrary, (item) => {
        expect(ledgerPostingSchema.parse(item)).toEqual(item);
      }),
    );
  });

  it('reports the amount and the accrual key by field path', () => {
    const cases = [
      [{ ...posting('claim'), amount: '10.0' }, 'amount', 'must be a signed amount'],
      [{ ...posting('payment'), amount: '0.00' }, 'amount', 'must not be zero'],
      [{ ...posting('accrual'), accrualKey: 'other' }, 'accrualKey', 'does not match'],
      [{ ...posting('claim'), period: 'March' }, 'period', 'program period label'],
    ] as const;
    for (const [value, path, message] of cases) {
      const parsed = ledgerPostingSchema.safeParse(value);

      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
        [path, expect.stringContaining(message)],
      ]);
    }
  });

  it('requires the source reference of each kind', () => {
    const { claimId: _claimId, ...withoutClaimId } = posting('claim') as Extract<
      ReturnType<typeof posting>,
      { kind: 'claim' }
    >;

    expect(ledgerPostingSchema.safeParse(withoutClaimId).error?.issues[0]?.path).toEqual(['claimId']);
    expect(ledgerPostingSchema.safeParse({ ...posting('accrual'), kind: 'refund' }).success).toBe(false);
  });
});
