import { beforeAll, describe, expect, it } from 'vitest';
import type { PriceProtectionStore } from '../../domain/price-protection/ports';
import type { PriceProtectionLine } from '../../domain/price-protection/price-protection-run';
import { completedRun, emptyLine } from '../unit/price-protection/builders';
import { everyPage, ownIds } from './contract-pages';

const runIdsOf = (items: readonly { runId: string }[], prefix: string) =>
  ownIds(items, (each) => each.runId, prefix);

/**
 * The PriceProtectionStore contract, run against the in-memory fake (unit suite) and the DynamoDB adapter
 * (integration suite): a run and a partner's line of it created once, read back exactly; a run saved over
 * unconditionally; a line replaced only from the version before; a run's lines by partner; runs and a
 * partner's lines oldest first (then run id: the index sort key), each once across pages. Ids start with
 * PPC- as the table may hold other tests' runs.
 */
export function priceProtectionStoreContract(label: string, open: () => Promise<PriceProtectionStore>) {
  describe(`${label} keeps the PriceProtectionStore contract`, () => {
    let store: PriceProtectionStore;

    beforeAll(async () => {
      store = await open();
    });

    it('creates a run once, saves it over, and reads back exactly what it stored', async () => {
      const run = completedRun('PPC-ONCE', '2026-03-16T08:00:00.000Z');
      expect(await store.createRun(run)).toBe(true);
      expect(await store.createRun({ ...run, totalClaimed: '0.00' })).toBe(false);
      expect(await store.getRun('PPC-ONCE')).toEqual(run);

      const { completedAt: _, ...running } = { ...run, status: 'running' as const, claimCount: 0 };
      await store.saveRun(running);
      expect(await store.getRun('PPC-ONCE')).toEqual(running);
      expect(await store.getRun('PPC-GHOST')).toBeUndefined();
    });

    it('creates a partner’s line once and replaces it only from the version before', async () => {
      const line = emptyLine('PPC-LINE', 'P1', '2026-03-16T08:00:00.000Z');
      expect(await store.createLine(line)).toBe(true);
      expect(await store.createLine({ ...line, status: 'recovery' })).toBe(false);

      const disputed: PriceProtectionLine = {
        ...line,
        status: 'disputed',
        dispute: {
          reason: 'counted twice',
          by: { userId: 'u-p1', role: 'partner' },
          at: '2026-03-17T08:00:00.000Z',
        },
        version: 2,
      };
      expect(await store.replaceLine(disputed)).toBe(true);
      expect(await store.replaceLine({ ...disputed, status: 'accepted' })).toBe(false);
      expect(await store.replaceLine({ ...disputed, version: 4 })).toBe(false);
      expect(await store.replaceLine({ ...disputed, partnerId: 'P-GHOST' })).toBe(false);
      expect(await store.getLine('PPC-LINE', 'P1')).toEqual(disputed);
      expect(await store.getLine('PPC-LINE', 'P-GHOST')).toBeUndefined();
    });

    it('lists runs and a partner’s lines oldest first (then run id), each once across pages; a run’s lines by partner', async () => {
      const made = [
        ['PPC-LIST-B', '2026-04-02T00:00:00.000Z'],
        ['PPC-LIST-A', '2026-04-02T00:00:00.000Z'],
        ['PPC-LIST-C', '2026-04-01T00:00:00.000Z'],
      ] as const;
      for (const [runId, createdAt] of made) {
        await store.createRun(completedRun(runId, createdAt));
        await store.createLine(emptyLine(runId, 'PPC-P1', createdAt));
      }
      for (const partnerId of ['PPC-P3', 'PPC-P2']) {
        await store.createLine(emptyLine('PPC-LIST-C', partnerId, '2026-04-01T00:00:00.000Z'));
      }

      const runs = await everyPage(2, (page) => store.listRuns(page));
      expect(runIdsOf(runs, 'PPC-LIST')).toEqual(['PPC-LIST-C', 'PPC-LIST-A', 'PPC-LIST-B']);
      expect(runs.find((each) => each.runId === 'PPC-LIST-A')).toEqual(completedRun(...made[1]));
      const lines = await everyPage(2, (page) => store.linesOfPartner('PPC-P1', page));
      expect(runIdsOf(lines, 'PPC-LIST')).toEqual(['PPC-LIST-C', 'PPC-LIST-A', 'PPC-LIST-B']);
      expect(lines[0]).toEqual(emptyLine('PPC-LIST-C', 'PPC-P1', '2026-04-01T00:00:00.000Z'));
      expect((await store.linesOfRun('PPC-LIST-C')).map((each) => each.partnerId)).toEqual([
        'PPC-P1',
        'PPC-P2',
        'PPC-P3',
      ]);
    });
  });
}
