import { beforeAll, describe, expect, it } from 'vitest';
import type { NearTierAlertStore, StoredNearTierAlert } from '../../domain/accrual-runs/ports';
import { everyPage } from './contract-pages';

/** Run RUN-1's alert of `partnerId` on `programId` for 2026-03 (4,200.00 USD short), not yet published. */
function alert(
  programId: string,
  partnerId: string,
  overrides: Partial<StoredNearTierAlert> = {},
): StoredNearTierAlert {
  return {
    runId: 'RUN-1',
    programId,
    programVersion: 1,
    period: '2026-03',
    periodEnd: '2026-03-31',
    partnerId,
    basis: 'revenue',
    volume: '45800',
    shortfall: '4200.00',
    currency: 'USD',
    rateType: 'percentOfRevenue',
    nextTier: { index: 1, from: '50000', rate: '5' },
    message: `${partnerId} is 4,200.00 USD short of 5 % on ${programId}`,
    flaggedAt: '2026-04-01T06:00:00.000Z',
    runCompletedAt: '2026-04-01T05:59:00.000Z',
    publishedAt: null,
    ...overrides,
  };
}

/** "program/partner" of each alert of a program starting with `prefix`, in listed order. */
const idsOf = (alerts: readonly StoredNearTierAlert[], prefix = 'NT-') =>
  alerts
    .filter((each) => each.programId.startsWith(prefix))
    .map((each) => `${each.programId}/${each.partnerId}`);

/**
 * The NearTierAlertStore contract, run against the in-memory fake (unit suite) and the DynamoDB adapter
 * (integration suite): a run's alert saved again only until it is published, replaced only by a run completed
 * no earlier; marking published only the run's own alert; a program period's alerts by partner id; listings
 * by program, period and partner (the index sort keys), filtered by partner and by whole program id, each
 * alert once across pages. Programs are named NT-… as the table may hold other tests' alerts.
 */
export function nearTierAlertStoreContract(label: string, open: () => Promise<NearTierAlertStore>) {
  describe(`${label} keeps the NearTierAlertStore contract`, () => {
    let store: NearTierAlertStore;

    beforeAll(async () => {
      store = await open();
    });

    it('lists everyone’s alerts, one partner’s, one program’s (NT-A is not NT-AB), a page at a time', async () => {
      const saved = [
        alert('NT-AB', 'P1'),
        alert('NT-A', 'P2'),
        alert('NT-A', 'P1'),
        alert('NT-A', 'P1', { period: '2026-02' }),
      ];
      for (const each of saved) expect(await store.save(each)).toBe(true);

      const everyone = await everyPage(2, (page) => store.list({}, page));
      expect(idsOf(everyone)).toEqual(['NT-A/P1', 'NT-A/P1', 'NT-A/P2', 'NT-AB/P1']);
      expect(everyone.find((each) => each.programId === 'NT-A' && each.partnerId === 'P2')).toEqual(saved[1]);
      expect(idsOf(await everyPage(1, (page) => store.list({ partnerId: 'P1' }, page)))).toEqual([
        'NT-A/P1',
        'NT-A/P1',
        'NT-AB/P1',
      ]);
      expect(idsOf(await everyPage(2, (page) => store.list({ programId: 'NT-A' }, page)))).toEqual([
        'NT-A/P1',
        'NT-A/P1',
        'NT-A/P2',
      ]);
      const one = await store.list({ programId: 'NT-A', partnerId: 'P2' }, { limit: 10 });
      expect(one).toEqual({ items: [saved[1]] });
    });

    it('saves a run’s alert again only until it is published; another run’s replaces it', async () => {
      const first = alert('NT-P', 'P1');
      expect(await store.save(first)).toBe(true);
      expect(await store.save(first)).toBe(true);
      await store.markPublished(first, '2026-04-01T06:00:01.000Z');

      expect(await store.save(first)).toBe(false);
      expect(await store.ofProgramPeriod('NT-P', '2026-03')).toEqual([
        { ...first, publishedAt: '2026-04-01T06:00:01.000Z' },
      ]);

      const next = alert('NT-P', 'P1', {
        runId: 'RUN-2',
        shortfall: '100.00',
        runCompletedAt: '2026-04-02T05:59:00.000Z',
      });
      expect(await store.save(next)).toBe(true);
      // The first run marking late leaves the newer alert unpublished, for its own run to mark.
      await store.markPublished(first, '2026-04-01T06:00:02.000Z');
      expect(await store.ofProgramPeriod('NT-P', '2026-03')).toEqual([next]);
      // Nor does a run completed earlier, delivered late, replace it.
      const older = alert('NT-P', 'P1', { runId: 'RUN-0', runCompletedAt: '2026-03-31T23:00:00.000Z' });
      expect(await store.save(older)).toBe(false);
      expect(await store.ofProgramPeriod('NT-P', '2026-03')).toEqual([next]);
      // Marking an alert that is not there writes nothing.
      await store.markPublished(alert('NT-P', 'P9'), '2026-04-01T06:00:03.000Z');
      expect(await store.ofProgramPeriod('NT-P', '2026-03')).toEqual([next]);
    });

    it('reads a program period’s alerts by partner id, and removes one', async () => {
      for (const partnerId of ['P3', 'P1', 'P2']) await store.save(alert('NT-R', partnerId));
      await store.save(alert('NT-R', 'P4', { period: '2026-04' }));

      await store.remove({ programId: 'NT-R', period: '2026-03', partnerId: 'P1' });
      await store.remove({ programId: 'NT-R', period: '2026-03', partnerId: 'P9' });

      expect(await store.ofProgramPeriod('NT-R', '2026-03')).toEqual([
        alert('NT-R', 'P2'),
        alert('NT-R', 'P3'),
      ]);
      expect(await store.list({ partnerId: 'P1', programId: 'NT-R' }, { limit: 10 })).toEqual({ items: [] });
    });
  });
}
