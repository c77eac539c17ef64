import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChannelFileData } from '../../../domain/channel-files/channel-file';
import { claimsAgeing } from '../../../domain/reports/claims-ageing';
import { liabilitiesOf } from '../../../domain/reports/liabilities';
import { liabilitySummariesOf } from '../../../domain/reports/liability-summary';
import { partnerScorecard } from '../../../domain/reports/partner-scorecard';
import { performanceBy } from '../../../domain/reports/performance';
import { monthsOf, yearBefore } from '../../../domain/reports/report-months';
import { topPartnersByEarned, topPartnersByRevenue } from '../../../domain/reports/top-partners';
import { ValidationError } from '../../../domain/shared/errors';
import { toMinorUnits } from '../../../domain/shared/money/minor-units';
import type { CurrencyCode } from '../../../domain/shared/money/money';
import { checkbookLiabilityRows } from '../../support/checkbook-liabilities';
import { claim } from '../claims/builders';
import { posting, postingsArbitrary } from '../ledger/builders';

describe('liabilitiesOf', () => {
  it('PRG-1 Q1 for P1: earned 1,000.00 + adjustment 50.00, claimed 600.00, paid 400.00 → open 650.00 = 450.00 unclaimed + 200.00 payable', () => {
    const postings = [
      posting('accrual', { period: 'FY2026-Q1', amount: '900.00', postingId: 'A1' }),
      posting('trueUp', { period: 'FY2026-Q1', amount: '100.00', postingId: 'A2', fund: 'coop' }),
      posting('adjustment', { period: 'FY2026-Q1', amount: '50.00' }),
      posting('claim', { period: 'FY2026-Q1', amount: '600.00' }),
      posting('payment', { period: 'FY2026-Q1', amount: '400.00' }),
      posting('accrual', { programId: 'PRG-2', period: 'FY2026-Q1', amount: '70.00', postingId: 'A3' }),
    ];

    const report = liabilitiesOf(liabilitySummariesOf(postings), {});

    expect(report.rows[0]).toEqual({
      programId: 'PRG-1',
      partnerId: 'P1',
      period: 'FY2026-Q1',
      currency: 'USD',
      earned: '1000.00',
      adjustments: '50.00',
      claimed: '600.00',
      paid: '400.00',
      payable: '200.00',
      balance: '650.00',
      availableToClaim: '450.00',
    });
    expect(report.byProgram.map(({ programId, balance }) => [programId, balance])).toEqual([
      ['PRG-1', '650.00'],
      ['PRG-2', '70.00'],
    ]);
    expect(report.totals).toMatchObject([{ currency: 'USD', balance: '720.00', earned: '1070.00' }]);
    expect(liabilitiesOf(liabilitySummariesOf(postings), { programId: 'PRG-2' }).rows).toHaveLength(1);
    expect(liabilitiesOf(liabilitySummariesOf(postings), { currency: 'EUR' }).rows).toEqual([]);
  });

  it('adds up: per currency, Σ open liability = Σ earned + adjustments − paid of the postings, and every row is unclaimed + payable', () => {
    fc.assert(
      fc.property(postingsArbitrary, (postings) => {
        const report = liabilitiesOf(liabilitySummariesOf(postings), {});
        for (const row of report.rows) {
          const minor = (value: string) => toMinorUnits(value, row.currency);
          expect(minor(row.balance)).toBe(minor(row.availableToClaim) + minor(row.payable));
        }
        const expected = new Map<CurrencyCode, bigint>();
        for (const item of postings) {
          const sign = item.kind === 'payment' ? -1n : item.kind === 'claim' ? 0n : 1n;
          const amount = sign * toMinorUnits(item.amount, item.currency);
          expected.set(item.currency, (expected.get(item.currency) ?? 0n) + amount);
        }
        for (const total of report.totals) {
          expect(toMinorUnits(total.balance, total.currency)).toBe(expected.get(total.currency));
        }
      }),
    );
  });
});

describe('liability summaries', () => {
  it('property: summaries added transaction by transaction (the postings split anywhere) give the checkbooks’ figures, every fund together', () => {
    fc.assert(
      fc.property(postingsArbitrary, fc.array(fc.nat(), { maxLength: 5 }), (postings, cuts) => {
        const bounds = [
          0,
          ...cuts.map((cut) => cut % (postings.length + 1)).sort((a, b) => a - b),
          postings.length,
        ];
        const added = bounds
          .slice(1)
          .flatMap((end, index) => liabilitySummariesOf(postings.slice(bounds[index], end)));

        expect(liabilitiesOf(added, {}).rows).toEqual(checkbookLiabilityRows(postings));
      }),
    );
  });
});

describe('topPartnersByEarned', () => {
  it('ranks per currency, most earned first, ties by partner id, at most `limit`', () => {
    const rows = liabilitiesOf(
      liabilitySummariesOf([
        posting('accrual', { beneficiaryPartnerId: 'P1', amount: '10.00', postingId: '1' }),
        posting('accrual', { beneficiaryPartnerId: 'P2', amount: '30.00', postingId: '2' }),
        posting('accrual', { beneficiaryPartnerId: 'P3', amount: '10.00', postingId: '3' }),
        posting('accrual', { beneficiaryPartnerId: 'P4', amount: '5', currency: 'JPY', postingId: '4' }),
      ]),
      {},
    ).rows;

    expect(topPartnersByEarned(rows, 2)).toEqual([
      { currency: 'JPY', rank: 1, partnerId: 'P4', earned: '5' },
      { currency: 'USD', rank: 1, partnerId: 'P2', earned: '30.00' },
      { currency: 'USD', rank: 2, partnerId: 'P1', earned: '10.00' },
    ]);
  });
});

describe('topPartnersByRevenue', () => {
  const sold = (partnerId: string, month: string, currency: CurrencyCode, ...revenues: string[]) => ({
    month,
    partnerId,
    cells: revenues.map((revenue, index) => ({
      category: `C${index}`,
      currency,
      quantity: '1',
      revenue,
      lines: 1,
    })),
    products: [],
  });

  it('P1 0.10 + 0.20 in March + 0.000001 in April = 0.300001 USD ranks above P2 0.30; EUR apart; a currency filter keeps one', () => {
    const summaries = [
      sold('P1', '2026-03', 'USD', '0.10', '0.20'),
      sold('P1', '2026-04', 'USD', '0.000001'),
      sold('P2', '2026-03', 'USD', '0.30'),
      sold('P3', '2026-03', 'USD', '0.30'),
      sold('P2', '2026-03', 'EUR', '99999999.99', '0.01'),
    ];

    expect(topPartnersByRevenue(summaries, 2)).toEqual([
      { currency: 'EUR', rank: 1, partnerId: 'P2', revenue: '100000000.00' },
      { currency: 'USD', rank: 1, partnerId: 'P1', revenue: '0.300001' },
      { currency: 'USD', rank: 2, partnerId: 'P2', revenue: '0.30' },
    ]);
    expect(topPartnersByRevenue(summaries, 5, 'EUR').map((top) => top.partnerId)).toEqual(['P2']);
  });
});

describe('claimsAgeing', () => {
  it('buckets open claims by days since submission as of 2026-06-30 (May 31 = 30 days: 0-30; May 30 = 31: 31-60); paid and rejected ones are left out', () => {
    const report = claimsAgeing(
      [
        claim({ claimId: 'A', submittedAt: '2026-05-31T23:00:00.000Z', amountClaimed: '10.00' }),
        claim({ claimId: 'B', submittedAt: '2026-05-30T08:00:00.000Z', amountClaimed: '20.00' }),
        claim({
          claimId: 'C',
          submittedAt: '2026-05-01T08:00:00.000Z',
          status: 'approved',
          amountApproved: '5.00',
        }),
        claim({
          claimId: 'D',
          submittedAt: '2026-01-01T08:00:00.000Z',
          status: 'scheduled',
          amountApproved: '7.00',
        }),
        claim({ claimId: 'E', submittedAt: '2026-01-01T08:00:00.000Z', status: 'paid' }),
        claim({ claimId: 'F', submittedAt: '2026-01-01T08:00:00.000Z', status: 'rejected' }),
      ],
      '2026-06-30',
    );

    expect(report.rows).toEqual([
      { status: 'validated', currency: 'USD', bucket: '0-30', claims: 1, amount: '10.00' },
      { status: 'validated', currency: 'USD', bucket: '31-60', claims: 1, amount: '20.00' },
      { status: 'approved', currency: 'USD', bucket: '31-60', claims: 1, amount: '5.00' },
      { status: 'scheduled', currency: 'USD', bucket: '>90', claims: 1, amount: '7.00' },
    ]);
    expect(report.totals).toEqual([
      { currency: 'USD', bucket: '0-30', claims: 1, amount: '10.00' },
      { currency: 'USD', bucket: '31-60', claims: 2, amount: '25.00' },
      { currency: 'USD', bucket: '>90', claims: 1, amount: '7.00' },
    ]);
  });
});

function file(overrides: Partial<ChannelFileData>): ChannelFileData {
  return {
    fileId: 'F1',
    partnerId: 'P1',
    kind: 'pos',
    fileName: 'pos.csv',
    contentType: 'text/csv',
    declaredSizeBytes: 10,
    objectKey: 'k',
    requestedBy: 'u',
    status: 'completed_with_rejections',
    checkpointLine: 0,
    counts: { lines: 100, accepted: 95, restated: 0, unchanged: 0, rejected: 5 },
    completedAt: '2026-03-05T10:00:00.000Z',
    ...overrides,
  };
}

describe('partnerScorecard', () => {
  it('Q1 2026 vs Q1 2025: 1,200.00 vs 1,000.00 USD = +20 %; 90.00 approved of 120.00 claimed = 75 %; 5 + 0 of 100 + 100 lines rejected = 2.5 %', () => {
    const cell = (revenue: string, quantity: string) => ({
      category: 'A',
      currency: 'USD' as const,
      revenue,
      quantity,
      lines: 1,
    });
    const scorecard = partnerScorecard({
      partnerId: 'P1',
      window: { from: '2026-01', to: '2026-03' },
      sales: [
        { month: '2026-01', partnerId: 'P1', cells: [cell('700.00', '7')], products: [] },
        { month: '2026-03', partnerId: 'P1', cells: [cell('500.00', '5')], products: [] },
      ],
      priorSales: [{ month: '2025-02', partnerId: 'P1', cells: [cell('1000.00', '10')], products: [] }],
      claims: [
        claim({
          claimId: 'A',
          status: 'paid',
          amountClaimed: '100.00',
          amountApproved: '90.00',
          submittedAt: '2026-02-01T00:00:00Z',
        }),
        claim({
          claimId: 'B',
          status: 'rejected',
          amountClaimed: '20.00',
          submittedAt: '2026-03-01T00:00:00Z',
        }),
        claim({
          claimId: 'C',
          status: 'inApproval',
          amountClaimed: '500.00',
          submittedAt: '2026-03-01T00:00:00Z',
        }),
        claim({
          claimId: 'D',
          status: 'paid',
          amountClaimed: '1.00',
          amountApproved: '1.00',
          submittedAt: '2025-12-31T00:00:00Z',
        }),
      ],
      files: [
        file({}),
        file({
          fileId: 'F2',
          status: 'completed',
          counts: { lines: 100, accepted: 100, restated: 0, unchanged: 0, rejected: 0 },
        }),
        file({ fileId: 'F3', status: 'failed' }),
        file({ fileId: 'F4', completedAt: '2026-04-01T00:00:00Z' }),
      ],
      snapshots: [],
    });

    expect(scorecard.sales).toEqual([
      {
        currency: 'USD',
        revenue: '1200.00',
        priorRevenue: '1000.00',
        growth: '0.2000',
        quantity: '12',
        priorQuantity: '10',
      },
    ]);
    expect(scorecard.claimAccuracy).toEqual([
      { currency: 'USD', decidedClaims: 2, claimed: '120.00', approved: '90.00', accuracy: '0.7500' },
    ]);
    expect(scorecard.fileRejection).toEqual({ files: 2, lines: 200, rejectedLines: 5, rate: '0.0250' });
  });

  it('has no growth without prior sales and no rates without a basis', () => {
    const scorecard = partnerScorecard({
      partnerId: 'P1',
      window: { from: '2026-01', to: '2026-01' },
      sales: [
        {
          month: '2026-01',
          partnerId: 'P1',
          cells: [{ category: 'A', currency: 'EUR', revenue: '5.00', quantity: '1', lines: 1 }],
          products: [],
        },
      ],
      priorSales: [],
      claims: [],
      files: [],
      snapshots: [],
    });
    expect(scorecard.sales[0]?.growth).toBeNull();
    expect(scorecard.claimAccuracy).toEqual([]);
    expect(scorecard.fileRejection.rate).toBeNull();
  });
});

describe('performanceBy', () => {
  const summaries = [
    {
      month: '2026-03',
      partnerId: 'P1',
      cells: [
        { category: 'A', currency: 'USD' as const, quantity: '10', revenue: '100.50', lines: 2 },
        { category: 'B', currency: 'USD' as const, quantity: '1', revenue: '9.50', lines: 1 },
      ],
      products: [],
    },
    {
      month: '2026-03',
      partnerId: 'P2',
      cells: [{ category: 'A', currency: 'USD' as const, quantity: '5', revenue: '50.00', lines: 1 }],
      products: [],
    },
    {
      month: '2026-03',
      partnerId: 'GONE',
      cells: [{ category: 'A', currency: 'EUR' as const, quantity: '1', revenue: '1.00', lines: 1 }],
      products: [],
    },
  ];
  const partners = new Map([
    ['P1', { partnerType: 'distributor' as const, region: 'US-WEST', country: 'US', segment: 'SMB' }],
    ['P2', { partnerType: 'reseller' as const, region: 'US-WEST', country: 'US' }],
  ]);

  it('groups by region (a partner gone from master data is `unknown`) and by category, per currency', () => {
    expect(performanceBy(summaries, partners, 'region')).toEqual([
      { group: 'US-WEST', currency: 'USD', quantity: '16', revenue: '160.00', lines: 4, partners: 2 },
      { group: 'unknown', currency: 'EUR', quantity: '1', revenue: '1.00', lines: 1, partners: 1 },
    ]);
    expect(performanceBy(summaries, partners, 'category', 'USD')).toEqual([
      { group: 'A', currency: 'USD', quantity: '15', revenue: '150.50', lines: 3, partners: 2 },
      { group: 'B', currency: 'USD', quantity: '1', revenue: '9.50', lines: 1, partners: 1 },
    ]);
  });

  it('groups by segment: SMB 110.00, a partner without one `unassigned` 50.00, one gone `unknown`', () => {
    expect(performanceBy(summaries, partners, 'segment')).toEqual([
      { group: 'SMB', currency: 'USD', quantity: '11', revenue: '110.00', lines: 3, partners: 1 },
      { group: 'unassigned', currency: 'USD', quantity: '5', revenue: '50.00', lines: 1, partners: 1 },
      { group: 'unknown', currency: 'EUR', quantity: '1', revenue: '1.00', lines: 1, partners: 1 },
    ]);
  });
});

describe('report months', () => {
  it('lists a window across a year end and the same window a year before; more than 24 months names `to`', () => {
    expect(monthsOf({ from: '2025-11', to: '2026-02' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(yearBefore({ from: '2026-01', to: '2026-03' })).toEqual({ from: '2025-01', to: '2025-03' });
    expect(() => monthsOf({ from: '2026-03', to: '2026-02' })).toThrow(ValidationError);
    expect(() => monthsOf({ from: '2024-01', to: '2026-01' })).toThrow(/1 to 24 months/);
  });
});
