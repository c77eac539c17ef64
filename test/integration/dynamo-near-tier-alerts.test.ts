import { beforeAll, describe, expect, it } from 'vitest';
import type { StoredNearTierAlert } from '../../domain/accrual-runs/ports';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoNearTierAlerts } from '../../functions/adapters/dynamo-near-tier-alerts';
import { loadConfig } from '../../functions/shared/config';
import { createTestTable } from '../support/test-table';

let store: DynamoNearTierAlerts;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  store = new DynamoNearTierAlerts(createDocumentClient(config), config.TABLE_NAME);
});

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

describe('DynamoNearTierAlerts', () => {
  it('lists everyone’s alerts, one partner’s, one program’s (VOL-A is not VOL-AB), a page at a time', async () => {
    for (const stored of [alert('VOL-A', 'P1'), alert('VOL-A', 'P2'), alert('VOL-AB', 'P1')]) {
      expect(await store.save(stored)).toBe(true);
    }
    const ids = (page: { items: readonly StoredNearTierAlert[] }) =>
      page.items.map((each) => `${each.programId}/${each.partnerId}`);

    const first = await store.list({}, { limit: 2 });
    const second = await store.list({}, { limit: 2, cursor: first.nextCursor });

    expect([...ids(first), ...ids(second)]).toEqual(['VOL-A/P1', 'VOL-A/P2', 'VOL-AB/P1']);
    expect(second.nextCursor).toBeUndefined();
    expect(ids(await store.list({ partnerId: 'P1' }, { limit: 10 }))).toEqual(['VOL-A/P1', 'VOL-AB/P1']);
    expect(ids(await store.list({ programId: 'VOL-A' }, { limit: 10 }))).toEqual(['VOL-A/P1', 'VOL-A/P2']);
    expect(ids(await store.list({ programId: 'VOL-A', partnerId: 'P2' }, { limit: 10 }))).toEqual([
      'VOL-A/P2',
    ]);
    expect((await store.list({}, { limit: 10 })).items[0]).toEqual(alert('VOL-A', 'P1'));
  });

  it('saves a run’s alert again only until it is published; another run’s replaces it', async () => {
    const first = alert('VOL-P', 'P1');
    expect(await store.save(first)).toBe(true);
    expect(await store.save(first)).toBe(true);
    await store.markPublished(first, '2026-04-01T06:00:01.000Z');

    expect(await store.save(first)).toBe(false);
    const [published] = await store.ofProgramPeriod('VOL-P', '2026-03');
    expect(published?.publishedAt).toBe('2026-04-01T06:00:01.000Z');

    const next = alert('VOL-P', 'P1', {
      runId: 'RUN-2',
      shortfall: '100.00',
      runCompletedAt: '2026-04-02T05:59:00.000Z',
    });
    expect(await store.save(next)).toBe(true);
    // The first run marking late leaves the newer alert unpublished, for its own run to mark.
    await store.markPublished(first, '2026-04-01T06:00:02.000Z');
    expect(await store.ofProgramPeriod('VOL-P', '2026-03')).toEqual([next]);
    // Nor does a run completed earlier, delivered late, replace it.
    const older = alert('VOL-P', 'P1', { runId: 'RUN-0', runCompletedAt: '2026-03-31T23:00:00.000Z' });
    expect(await store.save(older)).toBe(false);
    expect(await store.ofProgramPeriod('VOL-P', '2026-03')).toEqual([next]);
  });

  it('reads and removes the alerts of one program period', async () => {
    await store.save(alert('VOL-R', 'P1'));
    await store.save(alert('VOL-R', 'P2'));
    await store.save(alert('VOL-R', 'P3', { period: '2026-04' }));

    await store.remove({ programId: 'VOL-R', period: '2026-03', partnerId: 'P1' });

    expect((await store.ofProgramPeriod('VOL-R', '2026-03')).map((each) => each.partnerId)).toEqual(['P2']);
    expect(await store.list({ partnerId: 'P1', programId: 'VOL-R' }, { limit: 10 })).toEqual({ items: [] });
  });
});
