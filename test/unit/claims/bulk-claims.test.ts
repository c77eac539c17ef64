import { describe, expect, it } from 'vitest';
import { submitBulkClaims } from '../../../domain/claims/bulk-claims';
import { claimRequestSchema } from '../../../domain/claims/claim-request';
import { submitClaim } from '../../../domain/claims/submit-claim';
import { BusinessRuleError, ForbiddenError } from '../../../domain/shared/errors';
import { finance, partnerUser } from '../../support/actors';
import { posting } from '../ledger/builders';
import { claimDeps, claimRequest } from './claim-deps';

/** P1 earned 250.00 (see claimDeps), P2 80.00 and P3 nothing net (10.00 accrued, 10.00 adjusted away). */
async function bulkDeps() {
  const deps = await claimDeps();
  const dims = { programId: 'VOL-2026', period: '2026-03' };
  deps.ledger.seed(
    posting('accrual', {
      ...dims,
      beneficiaryPartnerId: 'P2',
      partnerId: 'P2',
      amount: '80.00',
      postingId: 'a-p2',
    }),
    posting('accrual', {
      ...dims,
      beneficiaryPartnerId: 'P3',
      partnerId: 'P3',
      amount: '10.00',
      postingId: 'a-p3',
    }),
    posting('adjustment', {
      ...dims,
      beneficiaryPartnerId: 'P3',
      partnerId: 'P3',
      amount: '-10.00',
      postingId: 'j-p3',
      reason: 'returned goods',
    }),
  );
  return deps;
}

const march = { programId: 'VOL-2026', period: '2026-03' };

describe('submitBulkClaims', () => {
  it('one validated claim per beneficiary with a balance, net of its pending claims; nothing for an empty one', async () => {
    const deps = await bulkDeps();
    await submitClaim(deps, partnerUser('P1'), {
      request: claimRequestSchema.parse(claimRequest(['100.00'])),
    });
    const result = await submitBulkClaims(deps, finance, march);
    expect(result.created).toEqual([
      expect.objectContaining({ partnerId: 'P1', fund: 'rebate', currency: 'USD', amountClaimed: '150.00' }),
      expect.objectContaining({ partnerId: 'P2', fund: 'rebate', currency: 'USD', amountClaimed: '80.00' }),
    ]);
    expect(result.skipped).toEqual([
      expect.objectContaining({ partnerId: 'P3', reason: 'nothingAvailable' }),
    ]);
    for (const made of result.created) {
      const stored = await deps.claims.get(made.claimId);
      expect(stored).toMatchObject({ status: 'validated', submittedBy: { role: 'finance' } });
    }
    expect(
      await deps.claimFunds.draws({ ...march, partnerId: 'P1', fund: 'rebate', currency: 'USD' }),
    ).toEqual({
      reserved: 25000n,
      settled: 0n,
      drawn: 25000n,
    });
    expect(deps.events.events.filter((event) => event.detailType === 'ClaimSubmitted')).toHaveLength(3);
  });

  it('run twice: the second call creates nothing and says each beneficiary was already claimed', async () => {
    const deps = await bulkDeps();
    await submitBulkClaims(deps, finance, march);
    const again = await submitBulkClaims(deps, finance, march);
    expect(again.created).toEqual([]);
    expect(again.skipped.map((skip) => [skip.partnerId, skip.reason])).toEqual([
      ['P1', 'alreadyClaimed'],
      ['P2', 'alreadyClaimed'],
      ['P3', 'nothingAvailable'],
    ]);
    expect(await deps.claims.withStatus('validated')).toHaveLength(2);
  });

  it('only finance may; an unknown program is a 422 naming programId', async () => {
    const deps = await bulkDeps();
    await expect(submitBulkClaims(deps, partnerUser('P1'), march)).rejects.toBeInstanceOf(ForbiddenError);
    const unknown = submitBulkClaims(deps, finance, { ...march, programId: 'NOPE' });
    await expect(unknown).rejects.toBeInstanceOf(BusinessRuleError);
    await expect(unknown).rejects.toMatchObject({ issues: [{ path: 'programId' }] });
  });
});
