import { describe, expect, it } from 'vitest';
import { linesForReview, settlementClaimsOf } from '../../../domain/ship-and-debit/ship-and-debit-settlement';
import { creditedClaim } from './credited-claim-fixture';

/** Lines of 100.00 (INV-7) and 60.00 (INV-8), received 30 November. */
const twoLines = () =>
  creditedClaim('SDC-9', '2026-11-30T09:00:00Z', [
    ['INV-7', '2026-11-28', 10, '100.00'],
    ['INV-8', '2026-11-28', 6, '60.00'],
  ]);

describe('ship & debit settlement', () => {
  it('lines of 100.00 and 60.00 netting 80.00 of bill-backs settle 80.00: the last line goes, the first pays 80.00 and cites the bill-backs', () => {
    const claim = {
      ...twoLines(),
      billBackOffsets: [
        { billBackId: 'SDB-1', amount: '30.00' },
        { billBackId: 'SDB-2', amount: '50.00' },
      ],
    };

    const settlements = settlementClaimsOf(claim);

    expect(settlements).toHaveLength(1);
    expect(settlements[0]).toMatchObject({
      claimId: 'CLM-SD-SDC-9',
      amountClaimed: '80.00',
      type: 'shipAndDebit',
    });
    expect(settlements[0]?.lines).toEqual([
      {
        lineNumber: 1,
        amount: '80.00',
        reference: 'DA-2026-0042 INV-7 1',
        evidence: [
          'ship-and-debit-claims/SDC-9#1',
          'ship-and-debit-bill-backs/SDB-1',
          'ship-and-debit-bill-backs/SDB-2',
        ],
      },
    ]);
  });

  it('auto-approval below 75.00 sends the 100.00 line to people and settles the 60.00 line apart; below 60.00 (a line at the threshold goes to people) or 150.00, or no threshold, the lines stay together', () => {
    const { results } = twoLines();

    expect(linesForReview(results, 'USD', '75.00')).toEqual([1]);
    expect(linesForReview(results, 'USD', '60.00')).toBeUndefined();
    expect(linesForReview(results, 'USD', '150.00')).toBeUndefined();
    expect(linesForReview(results, 'USD', undefined)).toBeUndefined();
  });

  it('split lines settle as two claims: the one people decide (100.00) and the one below the threshold (60.00, id …-A)', () => {
    const claim = { ...twoLines(), linesForReview: [1], autoSettlementClaimId: 'CLM-SD-SDC-9-A' };

    const settlements = settlementClaimsOf(claim);

    expect(settlements.map((each) => [each.claimId, each.amountClaimed, each.lines[0]?.reference])).toEqual([
      ['CLM-SD-SDC-9', '100.00', 'DA-2026-0042 INV-7 1'],
      ['CLM-SD-SDC-9-A', '60.00', 'DA-2026-0042 INV-8 1'],
    ]);
  });
});
