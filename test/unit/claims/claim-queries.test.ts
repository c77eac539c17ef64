import { describe, expect, it } from 'vitest';
import { getClaim, listClaims } from '../../../domain/claims/claim-queries';
import type { ClaimFilter, ClaimQueries } from '../../../domain/claims/ports';
import { NotFoundError } from '../../../domain/shared/errors';
import { approver, channelManager, partnerUser } from '../../support/actors';
import { claim } from './builders';
import { InMemoryClaimStore } from './fakes';

/** Records the filter each listing was asked for. */
class RecordingQueries implements ClaimQueries {
  readonly filters: ClaimFilter[] = [];
  async list(filter: ClaimFilter) {
    this.filters.push(filter);
    return { items: [claim()] };
  }
}

describe('claim reads', () => {
  it('a partner reads its own claim; another partner gets not-found, as for a claim that does not exist', async () => {
    const claims = new InMemoryClaimStore();
    await claims.create(claim({ claimId: 'CLM-1', partnerId: 'P1' }));
    expect(await getClaim({ claims }, partnerUser('P1'), 'CLM-1')).toMatchObject({ claimId: 'CLM-1' });
    expect(await getClaim({ claims }, approver, 'CLM-1')).toMatchObject({ claimId: 'CLM-1' });
    await expect(getClaim({ claims }, partnerUser('P2'), 'CLM-1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(getClaim({ claims }, partnerUser('P1'), 'CLM-9')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a partner lists only its own claims whatever it filters on; staff filter freely', async () => {
    const claimQueries = new RecordingQueries();
    await listClaims({ claimQueries }, partnerUser('P1'), { status: 'validated', limit: 10 });
    expect(claimQueries.filters.at(-1)).toEqual({
      partnerId: 'P1',
      status: 'validated',
      programId: undefined,
    });
    expect(await listClaims({ claimQueries }, partnerUser('P1'), { partnerId: 'P2', limit: 10 })).toEqual({
      items: [],
    });
    expect(claimQueries.filters).toHaveLength(1);
    await listClaims({ claimQueries }, channelManager, { partnerId: 'P2', programId: 'PRG-1', limit: 10 });
    expect(claimQueries.filters.at(-1)).toEqual({ partnerId: 'P2', status: undefined, programId: 'PRG-1' });
  });
});
