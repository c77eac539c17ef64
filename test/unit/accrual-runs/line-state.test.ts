import { describe, expect, it } from 'vitest';
import { lineStateOf, mayReuseLinesOf } from '../../../domain/accrual-runs/line-state';
import { accrualRunDeps, channelLine } from './fakes';
import { completedRun, inForce, preparedRun } from './scenario';

const counters = [
  { partnerId: 'P1', month: '2026-03', changes: 4 },
  { partnerId: 'P2', month: '2026-03', changes: 0 },
];

describe('lineStateOf', () => {
  it('does not depend on order, and moves with any counter, partner or month', () => {
    const state = lineStateOf(counters);
    expect(lineStateOf([...counters].reverse())).toBe(state);
    const others = [
      [{ ...counters[0], changes: 5 }, counters[1]],
      [counters[0]],
      [...counters, { partnerId: 'P3', month: '2026-03', changes: 0 }],
      [counters[0], { ...counters[1], month: '2026-04' }],
    ];
    for (const other of others) expect(lineStateOf(other as typeof counters)).not.toBe(state);
  });
});

describe('mayReuseLinesOf', () => {
  const lineSource = { lineState: 'S1', reusedFromRunId: null, monthsReused: [], monthsRead: ['2026-03'] };

  it('reuses only a completed run at the same line state', () => {
    expect(mayReuseLinesOf({ status: 'completed', lineSource }, 'S1')).toBe(true);
    expect(mayReuseLinesOf({ status: 'completed', lineSource }, 'S2')).toBe(false);
    expect(mayReuseLinesOf({ status: 'running', lineSource }, 'S1')).toBe(false);
    expect(mayReuseLinesOf({ status: 'failed', lineSource }, 'S1')).toBe(false);
    expect(mayReuseLinesOf({ status: 'completed' }, 'S1')).toBe(false);
    expect(mayReuseLinesOf(null, 'S1')).toBe(false);
  });
});

describe('prepareAccrualRun over unchanged lines', () => {
  it('takes the snapshot of the last completed run instead of reading, with the same result; an unfinished run is not reused', async () => {
    // Arrange: P1 sold 100 units in March ($0.10 a unit).
    const deps = accrualRunDeps();
    await inForce(deps);
    deps.lines.add(channelLine({ quantity: '100' }));
    const first = await completedRun(deps);
    const readsOfFirst = deps.lines.reads.length;

    // Act
    const rerun = await completedRun(deps);
    const readsOfRerun = deps.lines.reads.length - readsOfFirst;
    deps.lines.add(channelLine({ invoiceNumber: 'LATE', quantity: '50' }));
    await preparedRun(deps); // reads the late line, then stops before completing
    const late = await completedRun(deps);

    // Assert: the rerun read no line and records whose lines it took; after the late line every run reads.
    const [firstRun, rerunRecord, lateRun] = await Promise.all(
      [first, rerun, late].map(({ runId }) => deps.runs.get(runId)),
    );
    expect(readsOfFirst).toBeGreaterThan(0);
    expect(readsOfRerun).toBe(0);
    expect(rerunRecord?.lineSource).toMatchObject({ reusedFromRunId: first.runId, monthsRead: [] });
    expect(rerunRecord?.lineSource?.monthsReused).toEqual(firstRun?.months);
    expect(rerunRecord?.lineSetFingerprint).toBe(firstRun?.lineSetFingerprint);
    expect(rerun.results[0]?.earned).toEqual(first.results[0]?.earned);
    expect(lateRun?.lineSource).toMatchObject({ reusedFromRunId: null, monthsReused: [] });
    expect(late.results[0]?.earned).toEqual({ USD: '15.00' });
  });
});
