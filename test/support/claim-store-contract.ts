import { beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../domain/claims/claim';
import type { ClaimStore } from '../../domain/claims/ports';
import { claim } from '../unit/claims/builders';
import { ownIds } from './contract-pages';

/**
 * The ClaimStore contract, run against the in-memory fake (unit suite) and DynamoClaimStore (integration
 * suite): a claim is created once and read back as written; a transition takes effect only from the expected
 * status and the previous version (two racers, one effect); many transitions each stand or fall on their own
 * condition; a status lists its claims oldest first (submitted time, then id, as the status index sorts).
 */
export function claimStoreContract(label: string, open: () => Promise<ClaimStore>) {
  describe(`${label} keeps the ClaimStore contract`, () => {
    let store: ClaimStore;

    beforeAll(async () => {
      store = await open();
    });

    it('creates a claim once and reads it back as written', async () => {
      const created = claim({ claimId: 'CLM-S1' });
      expect(await store.create(created)).toBe(true);
      expect(await store.create({ ...created, amountClaimed: '1.00' })).toBe(false);
      expect(await store.get('CLM-S1')).toEqual(created);
      expect(await store.get('CLM-NONE')).toBeUndefined();
    });

    it('transitions only from the expected status and the previous version: two racers, one effect', async () => {
      const created = claim({ claimId: 'CLM-S2' });
      await store.create(created);
      const inApproval: Claim = { ...created, status: 'inApproval', version: 2 };
      const racers = await Promise.all([
        store.transition(inApproval, 'validated'),
        store.transition({ ...inApproval, history: [] }, 'validated'),
      ]);
      expect(racers.sort()).toEqual([false, true]);
      const approved: Claim = { ...inApproval, status: 'approved', amountApproved: '100.00', version: 3 };
      expect(await store.transition(approved, 'validated')).toBe(false);
      expect(await store.transition({ ...approved, version: 4 }, 'inApproval')).toBe(false);
      expect(await store.transition(approved, 'inApproval')).toBe(true);
      expect(await store.get('CLM-S2')).toEqual(approved);
      expect(await store.transition({ ...inApproval, claimId: 'CLM-NONE', version: 2 }, 'validated')).toBe(
        false,
      );
    });

    it('lists the claims of a status oldest first (then by id), following a claim as it moves', async () => {
      const times = ['2026-04-03T00:00:00.000Z', '2026-04-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'];
      for (const [index, at] of times.entries()) {
        await store.create(claim({ claimId: `CLM-L${2 - index}`, status: 'rejected', submittedAt: at }));
      }
      const listed = async (status: Claim['status']) =>
        ownIds(await store.withStatus(status), (each) => each.claimId, 'CLM-L');
      expect(await listed('rejected')).toEqual(['CLM-L0', 'CLM-L1', 'CLM-L2']);
      const moved = { ...(await store.get('CLM-L1')), status: 'scheduled', version: 2 } as Claim;
      expect(await store.transition(moved, 'rejected')).toBe(true);
      expect(await listed('scheduled')).toEqual(['CLM-L1']);
      expect(await listed('rejected')).toEqual(['CLM-L0', 'CLM-L2']);
    });

    it('moves 250 claims at once: each stands or falls on its own condition, none lost', async () => {
      const claims = Array.from({ length: 250 }, (_, index) => claim({ claimId: `CLM-M${index}` }));
      for (const each of claims) await store.create(each);
      // Every 7th claim moved by someone else first: its move in the batch must fail alone.
      const taken = claims.filter((_, index) => index % 7 === 3);
      for (const each of taken)
        await store.transition({ ...each, status: 'inApproval', version: 2 }, 'validated');
      const moves = claims.map((each) => ({
        next: { ...each, status: 'rejected' as const, version: 2 },
        expected: 'validated' as const,
      }));
      const written = await store.transitionAll(moves);
      expect(written.filter((done) => !done)).toHaveLength(taken.length);
      expect(written.every((done, index) => done === (index % 7 !== 3))).toBe(true);
      const stored = await store.getAll([...claims.map((each) => each.claimId), 'CLM-NONE']);
      expect(stored.size).toBe(250);
      for (const [index, each] of claims.entries()) {
        expect(stored.get(each.claimId)?.status).toBe(index % 7 === 3 ? 'inApproval' : 'rejected');
      }
      // A repeat changes nothing: the stored versions moved on.
      expect((await store.transitionAll(moves)).some(Boolean)).toBe(false);
    });
  });
}
