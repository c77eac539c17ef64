import { describe, expect, it } from 'vitest';
import { validateDebitClaimLines } from '../../../domain/ship-and-debit/claim-line-validation';
import { shipAndDebitClaimValidatedEvent } from '../../../domain/ship-and-debit/claim-validated-event';
import { sampleClaimLines, sampleContext } from './claim-validation-fixtures';

describe('ShipAndDebitClaimValidated.v1', () => {
  it('summarizes the sample: 3 lines (1 approved, 1 cut, 1 rejected), 1610.00 claimed, 875.00 approved', () => {
    const results = validateDebitClaimLines(sampleContext(), sampleClaimLines);

    const event = shipAndDebitClaimValidatedEvent(
      {
        claimId: 'SDC-1',
        claimNumber: 'DM-2026-000123',
        partnerId: 'DIST-001',
        channel: 'x12-844',
        currency: 'USD',
        claimedAmounts: sampleClaimLines.map((line) => line.amount),
        authorizationNumbers: sampleClaimLines.map((line) => line.authorizationNumber),
        unreadableLines: [{ x12Code: '15' }],
        occurredAt: '2026-12-05T09:00:00.000Z',
      },
      results,
    );

    expect(event).toEqual({
      source: 'chrm.ship-and-debit',
      detailType: 'ShipAndDebitClaimValidated',
      detail: {
        version: 1,
        claimId: 'SDC-1',
        claimNumber: 'DM-2026-000123',
        partnerId: 'DIST-001',
        channel: 'x12-844',
        authorizationNumbers: ['DA-2026-0042'],
        currency: 'USD',
        counts: { lines: 4, approved: 1, partiallyApproved: 1, rejected: 2 },
        amountClaimed: '1610.00',
        amountApproved: '875.00',
        reasonCodes: { '04': 1, '28': 1, '15': 1 },
        occurredAt: '2026-12-05T09:00:00.000Z',
      },
    });
  });
});
