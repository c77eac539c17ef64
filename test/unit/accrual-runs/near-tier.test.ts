import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type MeasuredTierStanding,
  measuredStandings,
  nearTierAlerts,
} from '../../../domain/accrual-runs/near-tier';
import { flagNearTierPartners, listNearTierAlerts } from '../../../domain/accrual-runs/near-tier-alerts';
import { partnerProgress } from '../../../domain/accrual-runs/partner-progress';
import type { ProgramComputation } from '../../../domain/accrual-runs/program-computation';
import {
  computeAccrualAmountsAndStandings,
  computeAccruals,
} from '../../../domain/accruals/engine/compute-accruals';
import { ForbiddenError, NotFoundError } from '../../../domain/shared/errors';
import { partnerNearTierV1 } from '../../../events/partner-near-tier.v1';
import { approver, channelManager, finance, partnerUser } from '../../support/actors';
import { fixedClock } from '../../support/in-memory-record-store';
import { march2026, program, saleLine, threeTiers } from '../accruals/builders';
import { programDefinition } from '../programs/builders';
import { accrualRunDeps, channelLine } from './fakes';
import { InMemoryNearTierAlerts } from './in-memory-near-tier-alerts';
import { completedRun, inForce } from './scenario';

const standing = (volume: string, tierReached: number, partnerId = 'DIST-WEST'): MeasuredTierStanding => ({
  period: '2026-03',
  partnerId,
  basis: 'revenue',
  volume,
  tierReached,
});

/** The program period every standing here is in. */
const march = [{ label: '2026-03', start: '2026-03-01', end: '2026-03-31' }];

/** Stepped revenue tiers 0 @ 1 %, 50,000 @ 5 %, 150,000 @ 8 %. */
const stepped = program(
  {
    kind: 'volume',
    basis: 'revenue',
    method: 'stepped',
    rateType: 'percentOfRevenue',
    tiers: [
      { from: '0', rate: '1' },
      { from: '50000', rate: '5' },
      { from: '150000', rate: '8' },
    ],
  },
  { programId: 'VOL-ALL-STEPPED' },
);

describe('nearTierAlerts', () => {
  it('45,800.00 of revenue is 4,200.00 USD short of 5 %: within 10 % of 50,000 (5,000)', () => {
    const [alert, ...others] = nearTierAlerts(stepped, 'RUN-1', [standing('45800', 0)], march);

    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      runId: 'RUN-1',
      programId: 'VOL-ALL-STEPPED',
      period: '2026-03',
      periodEnd: '2026-03-31',
      partnerId: 'DIST-WEST',
      basis: 'revenue',
      shortfall: '4200.00',
      currency: 'USD',
      nextTier: { index: 1, from: '50000', rate: '5' },
      message: 'DIST-WEST is 4,200.00 USD short of 5 % on VOL-ALL-STEPPED',
    });
  });

  it('rounds a revenue shortfall up to the cent: 4,200.001 short shows 4,200.01', () => {
    const [alert] = nearTierAlerts(stepped, 'RUN-1', [standing('45799.999', 0)], march);

    expect(alert?.shortfall).toBe('4200.01');
  });

  it('alerts exactly at the distance (45,000.00 is 5,000.00 short), not a cent beyond it', () => {
    expect(nearTierAlerts(stepped, 'RUN-1', [standing('45000', 0)], march)).toHaveLength(1);
    expect(nearTierAlerts(stepped, 'RUN-1', [standing('44999.99', 0)], march)).toEqual([]);
  });

  it('alerts only in the periods the run measured', () => {
    expect(nearTierAlerts(stepped, 'RUN-1', [{ ...standing('45800', 0), period: '2026-02' }], march)).toEqual(
      [],
    );
  });

  it('never alerts at the top tier, nor a partner that reached the threshold', () => {
    expect(nearTierAlerts(stepped, 'RUN-1', [standing('160000', 2), standing('50000', 1)], march)).toEqual(
      [],
    );
  });

  it("uses the program's own distance: within 25 %, 120,000 is 30,000 short of 8 %", () => {
    const wide = { ...stepped, nearTierPercent: '25' };

    const [alert] = nearTierAlerts(wide, 'RUN-1', [standing('120000', 1)], march);

    expect(alert?.message).toBe('DIST-WEST is 30,000.00 USD short of 8 % on VOL-ALL-STEPPED');
    expect(nearTierAlerts(stepped, 'RUN-1', [standing('120000', 1)], march)).toEqual([]);
  });

  it('counts units on a quantity basis: 950 units is 50 units short of 0.20 USD per unit', () => {
    // $0.10 a unit, $0.20 from 1,000 units (the programs' builder).
    const units = program(programDefinition().terms as Parameters<typeof program>[0]);

    const [alert] = nearTierAlerts(
      units,
      'RUN-1',
      [{ ...standing('950', 0, 'P1'), basis: 'quantity' }],
      march,
    );

    expect(alert).toMatchObject({ shortfall: '50', basis: 'quantity' });
    expect(alert?.message).toBe('P1 is 50 units short of 0.20 USD per unit on PRG-1');
  });

  it('has nothing to say about customer-scoped or per-line tiers, whose volume is not the partner’s', () => {
    const terms = { ...stepped.terms, tierScope: 'customer' as const };
    expect(nearTierAlerts({ ...stepped, terms }, 'RUN-1', [standing('45800', 0)], march)).toEqual([]);
    const perLine = { ...stepped.terms, tierEvaluation: 'line' as const };
    expect(nearTierAlerts({ ...stepped, terms: perLine }, 'RUN-1', [standing('45800', 0)], march)).toEqual(
      [],
    );
  });

  it('property: an alert iff 0 < shortfall ≤ distance, never at the top tier', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 99 }),
        (threshold, volumeCents, percent, cents) => {
          const tiers = [
            { from: '0', rate: '1' },
            { from: String(threshold), rate: '2' },
          ];
          const tiered = { ...stepped, terms: { ...stepped.terms, tiers }, nearTierPercent: String(percent) };
          const volume = new Decimal(volumeCents).plus(new Decimal(cents).dividedBy(100)).dividedBy(2);
          const reached = volume.gte(threshold) ? 1 : 0;
          const alerts = nearTierAlerts(tiered, 'R', [standing(volume.toFixed(), reached)], march);
          const missing = new Decimal(threshold).minus(volume);
          const expected = missing.gt(0) && missing.lte(new Decimal(threshold).times(percent).div(100));
          expect(alerts.length).toBe(expected ? 1 : 0);
          if (expected) expect(alerts[0]?.shortfall).toBe(missing.toFixed(2, Decimal.ROUND_UP));
        },
      ),
    );
  });
});

describe('measuredStandings', () => {
  it("reads each partner's period volume and tier from the engine's traces (P1 950 in tier 0 with two entries, P2 prequalified to tier 1)", () => {
    const tiered = program(
      {
        kind: 'volume',
        basis: 'revenue',
        method: 'retrospective',
        rateType: 'percentOfRevenue',
        tiers: threeTiers,
      },
      { eligibility: { startDate: '2026-01-01', prequalifiedTiers: { P2: 1 } } },
    );
    const lines = [
      saleLine({ lineId: 'L1', partnerId: 'P1', extendedAmount: '600.00', sku: 'SKU-1' }),
      saleLine({ lineId: 'L2', partnerId: 'P1', extendedAmount: '350.00', sku: 'SKU-2' }),
      saleLine({ lineId: 'L3', partnerId: 'P2', extendedAmount: '100.00' }),
    ];

    const input = { lines, programs: [tiered], period: march2026 };
    const { entries } = computeAccruals(input);

    const expected = [
      { period: '2026-03', partnerId: 'P1', basis: 'revenue', volume: '950', tierReached: 0 },
      { period: '2026-03', partnerId: 'P2', basis: 'revenue', volume: '100', tierReached: 1 },
    ];
    expect(measuredStandings(entries)).toEqual(expected);
    // One traced entry per pool, from the run's own computation of the amounts, tells the same: what the
    // run's prepare step keeps for the alerts.
    const { poolLeaders, entries: amounts } = computeAccrualAmountsAndStandings(input, () => true);
    expect(poolLeaders).toHaveLength(2);
    expect(measuredStandings(poolLeaders)).toEqual(expected);
    expect(amounts.map((entry) => entry.amount)).toEqual(entries.map((entry) => entry.amount));
  });
});

/** The volume program ($0.10 a unit, $0.20 from 1,000 units a month) with P1 and P2 selling in March. */
async function runWith(p1Units: string, p2Units: string) {
  const deps = { ...accrualRunDeps(), nearTierAlerts: new InMemoryNearTierAlerts() };
  await inForce(deps);
  deps.lines.add(
    channelLine({ partnerId: 'P1', invoiceNumber: 'INV-1', quantity: p1Units }),
    channelLine({ partnerId: 'P2', invoiceNumber: 'INV-2', quantity: p2Units }),
  );
  return deps;
}

describe('flagNearTierPartners', () => {
  it('stores and publishes one PartnerNearTier per partner near its tier, once however often it is delivered', async () => {
    // Arrange: P1 at 950 units is 50 short of 1,000; P2 at 400 is 600 short, beyond 10 %.
    const deps = await runWith('950', '400');
    const { runId } = await completedRun(deps);
    const before = deps.events.events.length;

    // Act
    const flagged = await flagNearTierPartners(deps, runId);
    await flagNearTierPartners(deps, runId);

    // Assert
    expect(flagged.map((alert) => alert.message)).toEqual([
      'P1 is 50 units short of 0.20 USD per unit on VOL-2026',
    ]);
    const published = deps.events.events.slice(before);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ source: 'chrm.accruals', detailType: 'PartnerNearTier' });
    expect(published[0]?.detail).not.toHaveProperty('publishedAt');
    expect(partnerNearTierV1.parse(published[0]?.detail)).toMatchObject({
      alertId: `${runId}/VOL-2026/2026-03/P1`,
      partnerId: 'P1',
      shortfall: '50',
    });
    expect([...deps.nearTierAlerts.alerts.values()]).toMatchObject([
      { runId, partnerId: 'P1', publishedAt: '2026-04-01T06:00:00.000Z' },
    ]);
  });

  it('publishes again what a failed attempt stored but never published', async () => {
    const deps = await runWith('950', '400');
    const { runId } = await completedRun(deps);
    const publish = deps.events.publish.bind(deps.events);
    deps.events.publish = async () => {
      throw new Error('bus unavailable');
    };
    await expect(flagNearTierPartners(deps, runId)).rejects.toThrow('bus unavailable');
    deps.events.publish = publish;
    const before = deps.events.events.length;

    await flagNearTierPartners(deps, runId);

    expect(deps.events.events.slice(before).map((event) => event.detailType)).toEqual(['PartnerNearTier']);
  });

  it('keeps only the latest run’s alerts: a partner that moved past its tier is no longer listed', async () => {
    const deps = await runWith('950', '400');
    await flagNearTierPartners(deps, (await completedRun(deps)).runId);
    deps.lines.add(
      channelLine({ partnerId: 'P1', invoiceNumber: 'INV-3', quantity: '100' }),
      channelLine({ partnerId: 'P2', invoiceNumber: 'INV-4', quantity: '520' }),
    );

    const second = await completedRun(deps);
    const flagged = await flagNearTierPartners(deps, second.runId);

    expect(flagged.map((alert) => alert.partnerId)).toEqual(['P2']);
    expect([...deps.nearTierAlerts.alerts.values()]).toMatchObject([
      { runId: second.runId, partnerId: 'P2', shortfall: '80' },
    ]);
  });
});

describe('flagNearTierPartners reads the standings the run computed', () => {
  it('alerts from the run’s own result, without reading its snapshot; the partner view shows the same next tier and gap', async () => {
    const deps = await runWith('950', '400');
    const { runId } = await completedRun(deps);
    const [computed] = [...deps.snapshots.computed.values()];
    deps.snapshots.snapshots.delete(runId);

    const flagged = await flagNearTierPartners(deps, runId);
    const [view] = await partnerProgress(deps, finance, { partnerId: 'P1', asOf: '2026-03-31' });

    expect(computed?.standings).toEqual([
      { period: '2026-03', partnerId: 'P1', basis: 'quantity', volume: '950', tierReached: 0 },
      { period: '2026-03', partnerId: 'P2', basis: 'quantity', volume: '400', tierReached: 0 },
    ]);
    expect(flagged.map((alert) => [alert.partnerId, alert.shortfall, alert.nextTier])).toEqual([
      ['P1', '50', { index: 1, from: '1000', rate: '0.20' }],
    ]);
    expect(view?.tiers.map((tier) => [tier.gap, tier.nextTier])).toEqual([['50', flagged[0]?.nextTier]]);
  });

  it('recomputes the standings from the snapshot for a run prepared before they were written: the same alerts', async () => {
    const deps = await runWith('950', '400');
    const { runId } = await completedRun(deps);
    for (const [key, { standings: _written, ...before }] of deps.snapshots.computed) {
      deps.snapshots.computed.set(key, before as ProgramComputation);
    }

    const flagged = await flagNearTierPartners(deps, runId);

    expect(flagged.map((alert) => alert.message)).toEqual([
      'P1 is 50 units short of 0.20 USD per unit on VOL-2026',
    ]);
  });
});

describe('flagNearTierPartners, runs delivered out of order', () => {
  it('keeps the alerts of the run completed last when an earlier run’s completion arrives after it', async () => {
    // Arrange: the first run sees P1 50 units short; a later run (P2 grown, P1 past its tier) sees P2.
    const deps = await runWith('950', '400');
    const early = await completedRun(deps);
    deps.lines.add(
      channelLine({ partnerId: 'P1', invoiceNumber: 'INV-3', quantity: '100' }),
      channelLine({ partnerId: 'P2', invoiceNumber: 'INV-4', quantity: '520' }),
    );
    deps.clock = fixedClock('2026-04-02T06:00:00.000Z');
    const late = await completedRun(deps);

    // Act: the later run's completion is handled first, the earlier one's after it.
    await flagNearTierPartners(deps, late.runId);
    await flagNearTierPartners(deps, early.runId);

    // Assert
    expect([...deps.nearTierAlerts.alerts.values()]).toMatchObject([
      { runId: late.runId, partnerId: 'P2', shortfall: '80', runCompletedAt: '2026-04-02T06:00:00.000Z' },
    ]);
  });
});

describe('listNearTierAlerts', () => {
  it('shows staff every alert, a partner only its own; another partner’s is not found', async () => {
    const deps = await runWith('950', '960');
    await flagNearTierPartners(deps, (await completedRun(deps)).runId);
    const page = { limit: 10 };

    const all = await listNearTierAlerts(deps, channelManager, {}, page);
    const own = await listNearTierAlerts(deps, partnerUser('P2'), {}, page);

    expect(all.items.map((alert) => alert.partnerId)).toEqual(['P1', 'P2']);
    expect(own.items.map((alert) => alert.partnerId)).toEqual(['P2']);
    await expect(
      listNearTierAlerts(deps, partnerUser('P2'), { partnerId: 'P1' }, page),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(listNearTierAlerts(deps, approver, {}, page)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
