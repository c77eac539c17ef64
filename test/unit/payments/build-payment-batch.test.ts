import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PartnerData } from '../../../domain/partners/partner';
import { buildPaymentBatch, withoutClaims } from '../../../domain/payments/build-payment-batch';
import type { PaymentBatchRequest } from '../../../domain/payments/payment-batch';
import { BusinessRuleError } from '../../../domain/shared/errors';
import { fromMinorUnits, toMinorUnits } from '../../../domain/shared/money/minor-units';
import { paidPartner, payableClaim } from './builders';

const transfer: PaymentBatchRequest = { currency: 'EUR', method: 'bankTransfer', payableUpTo: '2026-02-28' };
const by = { userId: 'u-fin', role: 'finance' } as const;

function build(
  claims: Parameters<typeof buildPaymentBatch>[0]['claims'],
  partners: PartnerData[],
  request = transfer,
) {
  return buildPaymentBatch({
    batchId: 'PB-1',
    request,
    createdBy: by,
    createdAt: '2026-03-01T12:00:00.000Z',
    claims,
    partners: new Map(partners.map((partner) => [partner.partnerId, partner])),
  });
}

describe('buildPaymentBatch', () => {
  it('pays each partner the exact sum of its claims: P1 100.10 + 0.20 = 100.30, P2 5.00; total 105.30', () => {
    const batch = build(
      [
        payableClaim('C1', { amountApproved: '100.10' }),
        payableClaim('C2', { amountApproved: '0.20', status: 'partiallyApproved' }),
        payableClaim('C3', { partnerId: 'P2', amountApproved: '5.00' }),
      ],
      [paidPartner('P1'), paidPartner('P2')],
    );

    expect(
      batch.payments.map((payment) => [payment.paymentId, payment.amount, payment.claims.length]),
    ).toEqual([
      ['PB-1-P1', '100.30', 2],
      ['PB-1-P2', '5.00', 1],
    ]);
    expect([batch.total, batch.paymentCount, batch.claimCount, batch.status]).toEqual([
      '105.30',
      2,
      3,
      'draft',
    ]);
    expect(batch.payments[0]?.claims[1]?.payableStatus).toBe('partiallyApproved');
    expect(batch.requestedExecutionDate).toBe('2026-03-01');
  });

  it('takes only payable claims in the currency decided up to the date', () => {
    const batch = build(
      [
        payableClaim('IN'),
        payableClaim('USD', { currency: 'USD' }),
        payableClaim('LATE', { decidedAt: '2026-03-01T00:00:00.000Z' }),
        payableClaim('SCHEDULED', { status: 'scheduled' }),
        payableClaim('REJECTED', { status: 'rejected' }),
      ],
      [paidPartner('P1')],
    );

    expect(batch.payments.flatMap((payment) => payment.claims.map((claim) => claim.claimId))).toEqual(['IN']);
  });

  it('leaves out, with the reason, partners without bank details, on hold or unknown', () => {
    const batch = build(
      [
        payableClaim('C1'),
        payableClaim('C2', { partnerId: 'NOBANK' }),
        payableClaim('C3', { partnerId: 'HELD' }),
        payableClaim('C4', { partnerId: 'GHOST' }),
      ],
      [
        paidPartner('P1'),
        paidPartner('NOBANK', { remittance: undefined }),
        paidPartner('HELD', { status: 'on_hold' }),
      ],
    );

    expect(
      batch.excluded.map((exclusion) => [exclusion.partnerId, exclusion.reason, exclusion.claimIds]),
    ).toEqual([
      ['GHOST', 'unknownPartner', ['C4']],
      ['HELD', 'partnerOnHold', ['C3']],
      ['NOBANK', 'missingBankDetails', ['C2']],
    ]);
    expect(batch.excluded[2]?.message).toMatch(/no bank details/);
    expect(batch.payments.map((payment) => payment.partnerId)).toEqual(['P1']);
  });

  it('pays a partner without bank details by check', () => {
    const batch = build([payableClaim('C1')], [paidPartner('P1', { remittance: undefined })], {
      ...transfer,
      method: 'check',
    });

    expect(batch.payments[0]).toMatchObject({ payeeName: 'Partner P1', amount: '100.00' });
    expect(batch.payments[0]?.account).toBeUndefined();
  });

  it('refuses a batch that would pay nothing, naming why', () => {
    expect(() => build([payableClaim('C1')], [paidPartner('P1', { remittance: undefined })])).toThrow(
      BusinessRuleError,
    );
    expect(() => build([], [])).toThrow('No payable EUR claims up to 2026-02-28');
  });

  it('drops claims scheduled elsewhere meanwhile and recomputes the totals', () => {
    const batch = build(
      [payableClaim('C1', { amountApproved: '1.00' }), payableClaim('C2', { amountApproved: '2.00' })],
      [paidPartner('P1')],
    );

    const smaller = withoutClaims(batch, new Set(['C2']));

    expect([smaller.total, smaller.claimCount, smaller.payments[0]?.amount]).toEqual(['1.00', 1, '1.00']);
    expect(smaller.excluded).toEqual([
      expect.objectContaining({ claimIds: ['C2'], reason: 'scheduledElsewhere' }),
    ]);
  });

  it('property: batch total = Σ payments = Σ approved amounts of the claims taken, exactly (EUR and JPY)', () => {
    const claimArbitrary = fc.record({
      partner: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
      minor: fc.bigInt({ min: 1n, max: 10n ** 12n }),
      status: fc.constantFrom('approved' as const, 'partiallyApproved' as const),
    });
    fc.assert(
      fc.property(
        fc.constantFrom('EUR' as const, 'JPY' as const),
        fc.array(claimArbitrary, { minLength: 1, maxLength: 40 }),
        (currency, specs) => {
          const claims = specs.map((spec, index) =>
            payableClaim(`C${index}`, {
              partnerId: spec.partner,
              currency,
              status: spec.status,
              amountApproved: fromMinorUnits(spec.minor, currency),
            }),
          );
          const batch = build(
            claims,
            ['P1', 'P2', 'P3', 'P4'].map((id) => paidPartner(id)),
            {
              ...transfer,
              currency,
            },
          );
          const minor = (amount: string) => toMinorUnits(amount, currency);
          const payments = batch.payments.reduce((sum, payment) => sum + minor(payment.amount), 0n);
          const claimed = specs.reduce((sum, spec) => sum + spec.minor, 0n);
          expect(minor(batch.total)).toBe(payments);
          expect(payments).toBe(claimed);
          for (const payment of batch.payments) {
            expect(minor(payment.amount)).toBe(
              payment.claims.reduce((sum, claim) => sum + minor(claim.amount), 0n),
            );
          }
          expect(batch.claimCount).toBe(claims.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
