import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDelta,
  availableOf,
  drawnOf,
  expiryDelta,
  type FundBalances,
  releaseDelta,
  reservationLimit,
  reserveDelta,
  settleDelta,
} from '../../../domain/funds/fund';
import { shareOf } from '../../../domain/funds/fund-request';
import { utilizationOf } from '../../../domain/funds/fund-utilization';
import { fundBalanceFor, payableAmount } from '../../../domain/funds/proof-of-performance';
import { toMinorUnits } from '../../../domain/shared/money/minor-units';

const usd = (amount: string) => toMinorUnits(amount, 'USD');

describe('proof of performance pays min(actual × share, approved, fund balance)', () => {
  it('approved 1,500.00 at 50 %, actual cost 2,400.00 → 1,200.00', () => {
    expect(payableAmount(usd('2400.00'), '50', usd('1500.00'), usd('1500.00'))).toBe(usd('1200.00'));
  });

  it('approved 1,500.00 at 50 %, actual cost 3,600.00 → 1,500.00 (capped at the approved amount)', () => {
    expect(payableAmount(usd('3600.00'), '50', usd('1500.00'), usd('1500.00'))).toBe(usd('1500.00'));
  });

  it('approved 1,500.00 at 50 %, actual 3,600.00, fund balance 900.00 → 900.00 (capped at the fund)', () => {
    expect(payableAmount(usd('3600.00'), '50', usd('1500.00'), usd('900.00'))).toBe(usd('900.00'));
  });

  it('the fund balance a claim may use is its reservation plus what the fund still has', () => {
    const balances: FundBalances = {
      allocated: usd('5000.00'),
      reserved: usd('1500.00'),
      claimed: usd('3000.00'),
      expired: 0n,
    };
    expect(fundBalanceFor(usd('1500.00'), balances)).toBe(usd('2000.00'));
  });

  it('the share rounds half-even once: 0.05 at 50 % → 0.02; 0.15 at 50 % → 0.08; 1,000.00 at 33.3333 % → 333.33', () => {
    expect(shareOf(5n, '50')).toBe(2n);
    expect(shareOf(15n, '50')).toBe(8n);
    expect(shareOf(usd('1000.00'), '33.3333')).toBe(usd('333.33'));
  });

  it('never pays more than any of the three bounds, nor less than zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (actual, shareTenThousandths, approved, balance) => {
          const share = `${Math.floor(shareTenThousandths / 10_000)}.${String(shareTenThousandths % 10_000).padStart(4, '0')}`;
          const paid = payableAmount(actual, share, approved, balance);
          expect(paid >= 0n).toBe(true);
          expect(paid <= approved && paid <= balance && paid <= shareOf(actual, share)).toBe(true);
          expect([approved, balance, shareOf(actual, share)]).toContain(paid);
        },
      ),
    );
  });
});

type Step =
  | { readonly kind: 'reserve'; readonly amount: bigint }
  | { readonly kind: 'settle'; readonly pick: number; readonly approvedPercent: number }
  | { readonly kind: 'release'; readonly pick: number }
  | { readonly kind: 'expire' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('reserve' as const), amount: fc.bigInt({ min: 1n, max: 400_000n }) }),
  fc.record({
    kind: fc.constant('settle' as const),
    pick: fc.nat(),
    approvedPercent: fc.integer({ min: 0, max: 100 }),
  }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('expire' as const) }),
);

describe('a fund is never overdrawn', () => {
  it('whatever the order of reserves, settlements, releases and expiry, with reservations taken only under the limit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1_000_000n }),
        fc.array(step, { maxLength: 80 }),
        (allocated, steps) => {
          let balances: FundBalances = { allocated, reserved: 0n, claimed: 0n, expired: 0n };
          let status: 'active' | 'expired' = 'active';
          const held: bigint[] = [];
          for (const each of steps) {
            if (each.kind === 'reserve') {
              // What the store's condition does: drawn ≤ limit, else nothing is written.
              if (status === 'active' && drawnOf(balances) <= reservationLimit(balances, each.amount)) {
                balances = applyDelta(balances, reserveDelta(each.amount));
                held.push(each.amount);
              }
            } else if (each.kind === 'expire') {
              if (status === 'active') {
                balances = applyDelta(balances, expiryDelta(balances));
                status = 'expired';
              }
            } else if (held.length > 0) {
              const [amount] = held.splice(each.pick % held.length, 1) as [bigint];
              const delta =
                each.kind === 'settle'
                  ? settleDelta({ status }, amount, (amount * BigInt(each.approvedPercent)) / 100n)
                  : releaseDelta({ status }, amount);
              balances = applyDelta(balances, delta);
            }
            expect(availableOf(balances) >= 0n).toBe(true);
            expect(drawnOf(balances) <= balances.allocated).toBe(true);
            expect(balances.reserved).toBe(held.reduce((sum, amount) => sum + amount, 0n));
            if (status === 'expired') expect(availableOf(balances)).toBe(0n);
          }
        },
      ),
    );
  });

  it('refuses a delta that would overdraw', () => {
    const balances: FundBalances = { allocated: 100n, reserved: 60n, claimed: 0n, expired: 0n };
    expect(() => applyDelta(balances, reserveDelta(41n))).toThrow(/overdrawn/);
    expect(drawnOf(balances) <= reservationLimit(balances, 41n)).toBe(false);
    expect(drawnOf(balances) <= reservationLimit(balances, 40n)).toBe(true);
  });
});

describe('utilization', () => {
  it('allocated 10,000.00: 1,500.00 reserved, 2,700.00 claimed of which 1,200.00 paid, 0 expired → 5,800.00 available', () => {
    const fund = {
      fundId: 'FND-1',
      kind: 'discretionary' as const,
      partnerId: 'P1',
      name: 'MDF',
      period: 'FY2026',
      currency: 'USD' as const,
      validFrom: '2026-01-01',
      validTo: '2026-06-30',
      expiry: { claimWindowDays: 60 },
      expiresOn: '2026-08-29',
      status: 'active' as const,
      balances: {
        allocated: usd('10000.00'),
        reserved: usd('1500.00'),
        claimed: usd('2700.00'),
        expired: 0n,
      },
      allocatedBy: { userId: 'u-cm', role: 'channel_manager' as const },
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const fundClaim = (id: string, settlementClaimId: string) =>
      ({ fundClaimId: id, settlementClaimId }) as never;
    const settlement = (claimId: string, status: 'paid' | 'approved', amountApproved: string) =>
      [claimId, { claimId, status, amountApproved }] as never;
    const view = utilizationOf(
      fund,
      [fundClaim('FCL-1', 'CLM-MDF-FCL-1'), fundClaim('FCL-2', 'CLM-MDF-FCL-2')],
      new Map([
        settlement('CLM-MDF-FCL-1', 'paid', '1200.00'),
        settlement('CLM-MDF-FCL-2', 'approved', '1500.00'),
      ]),
    );
    expect(view).toMatchObject({
      allocated: '10000.00',
      reserved: '1500.00',
      claimed: '2700.00',
      paid: '1200.00',
      expired: '0.00',
      available: '5800.00',
    });
  });
});
