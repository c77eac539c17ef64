import { describe, expect, it } from 'vitest';
import { submitBulkClaims } from '../../../domain/claims/bulk-claims';
import { withReservations } from '../../../domain/claims/checkbook-reservations';
import { getClaim } from '../../../domain/claims/claim-queries';
import { claimRequestSchema } from '../../../domain/claims/claim-request';
import { submitClaim } from '../../../domain/claims/submit-claim';
import { buildCheckbooks } from '../../../domain/ledger/checkbook';
import { BusinessRuleError, ForbiddenError, NotFoundError } from '../../../domain/shared/errors';
import { finance, partnerUser } from '../../support/actors';
import { posting } from '../ledger/builders';
import { claimDeps, claimRequest } from './claim-deps';

const earned = (partnerId: string, amount: string, postingId: string) =>
  posting('accrual', {
    programId: 'VOL-2026',
    period: '2026-03',
    beneficiaryPartnerId: partnerId,
    partnerId,
    amount,
    postingId,
  });

describe('submitBulkClaims', () => {
  it('claims each beneficiary’s available balance once: P1 250.00 − 100.00 pending = 150.00, P2 80.00, P3 nothing', async () => {
    const deps = await claimDeps();
    deps.ledger.seed(earned('P2', '80.00', 'p2'), earned('P3', '5.00', 'p3'));
    deps.ledger.seed(
      posting('claim', {
        programId: 'VOL-2026',
        period: '2026-03',
        beneficiaryPartnerId: 'P3',
        partnerId: 'P3',
        amount: '5.00',
        postingId: 'c3',
      }),
    );
    await submitClaim(deps, partnerUser('P1'), {
      request: claimRequestSchema.parse(claimRequest(['100.00'])),
    });
    const result = await submitBulkClaims(deps, finance, { programId: 'VOL-2026', period: '2026-03' });
    expect(result.created.map(({ partnerId, amountClaimed }) => [partnerId, amountClaimed])).toEqual([
      ['P1', '150.00'],
      ['P2', '80.00'],
    ]);
    expect(result.skipped).toEqual([
      {
        partnerId: 'P3',
        fund: 'rebate',
        currency: 'USD',
        reason: 'nothingAvailable',
        message: 'available to claim is 0.00',
      },
    ]);
    const again = await submitBulkClaims(deps, finance, { programId: 'VOL-2026', period: '2026-03' });
    expect(again.created).toEqual([]);
    expect(again.skipped.map((skip) => skip.reason)).toEqual([
      'alreadyClaimed',
      'alreadyClaimed',
      'nothingAvailable',
    ]);
    expect(deps.events.events).toHaveLength(3);
  });

  it('is finance’s only, and refuses an unknown program', async () => {
    const deps = await claimDeps();
    await expect(
      submitBulkClaims(deps, partnerUser('P1'), { programId: 'VOL-2026', period: '2026-03' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      submitBulkClaims(deps, finance, { programId: 'NOPE', period: '2026-03' }),
    ).rejects.toBeInstanceOf(BusinessRuleError);
  });
});

describe('claim reads and the checkbook', () => {
  it('another partner’s claim is not found; the checkbook shows 100.00 reserved and 150.00 available', async () => {
    const deps = await claimDeps();
    const { claim } = await submitClaim(deps, partnerUser('P1'), {
      request: claimRequestSchema.parse(claimRequest(['100.00'])),
    });
    expect(await getClaim(deps, partnerUser('P1'), claim.claimId)).toEqual(claim);
    await expect(getClaim(deps, partnerUser('P2'), claim.claimId)).rejects.toBeInstanceOf(NotFoundError);
    const [book] = withReservations(
      buildCheckbooks(await deps.ledger.checkbookPostings('P1')),
      await deps.claimFunds.positionsOf('P1'),
    );
    expect(book).toMatchObject({ earned: '250.00', reserved: '100.00', availableToClaim: '150.00' });
    expect(book?.periods).toEqual([
      expect.objectContaining({ period: '2026-03', reserved: '100.00', availableToClaim: '150.00' }),
    ]);
  });
});
