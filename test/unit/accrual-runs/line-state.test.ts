import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type LineSource,
  lineStateOf,
  type PartnerMonthChanges,
  planLineReads,
} from '../../../domain/accrual-runs/line-state';
import type { ChannelSaleLine } from '../../../domain/accrual-runs/run-lines';
import { accrualRunDeps, channelLine, type FakeAccrualRunDeps } from './fakes';
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

describe('planLineReads', () => {
  const recorded: PartnerMonthChanges[] = [
    { partnerId: 'P1', month: '2026-02', changes: 2 },
    { partnerId: 'P1', month: '2026-03', changes: 4 },
    { partnerId: 'P2', month: '2026-03', changes: 6 },
  ];
  const lineSource: LineSource = {
    lineState: lineStateOf(recorded),
    reusedFromRunId: null,
    monthsReused: [],
    monthsRead: ['2026-02', '2026-03'],
  };
  const earlier = { status: 'completed', lineSource, counters: recorded };
  const names = (entries: readonly PartnerMonthChanges[]) =>
    entries.map(({ partnerId, month }) => `${partnerId} ${month}`);

  it('reads the partner-months whose counter moved or that the earlier run did not read, and reuses the rest', () => {
    // P1's March moved 4 → 6 (a late file: bumped before and after), P2's April is new to the run.
    const current = [
      { partnerId: 'P1', month: '2026-03', changes: 6 },
      { partnerId: 'P2', month: '2026-03', changes: 6 },
      { partnerId: 'P1', month: '2026-02', changes: 2 },
      { partnerId: 'P2', month: '2026-04', changes: 0 },
    ];

    const plan = planLineReads(current, earlier);

    expect(names(plan.read)).toEqual(['P1 2026-03', 'P2 2026-04']);
    expect(names(plan.reuse)).toEqual(['P2 2026-03', 'P1 2026-02']);
  });

  it('reads everything after an unfinished run, a run recorded as a hash only, or counters that are not its state', () => {
    const cases = [
      null,
      { ...earlier, status: 'running' },
      { ...earlier, status: 'failed' },
      { ...earlier, counters: null }, // recorded before counters were kept per partner-month
      { status: 'completed', counters: recorded }, // recorded before counters at all
      { ...earlier, counters: [{ ...recorded[0], changes: 3 }, ...recorded.slice(1)] } as typeof earlier,
    ];

    for (const before of cases) {
      const plan = planLineReads(recorded, before);
      expect(names(plan.read)).toEqual(names(recorded));
      expect(plan.reuse).toEqual([]);
    }
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

    // Assert: the rerun read no line and records whose lines it took; after the late line, P1's March is read
    // again and its February and April are still the first run's.
    const [firstRun, rerunRecord, lateRun] = await Promise.all(
      [first, rerun, late].map(({ runId }) => deps.runs.get(runId)),
    );
    expect(readsOfFirst).toBeGreaterThan(0);
    expect(readsOfRerun).toBe(0);
    expect(rerunRecord?.lineSource).toMatchObject({ reusedFromRunId: first.runId, monthsRead: [] });
    expect(rerunRecord?.lineSource?.monthsReused).toEqual(firstRun?.months);
    expect(rerunRecord?.lineSetFingerprint).toBe(firstRun?.lineSetFingerprint);
    expect(rerun.results[0]?.earned).toEqual(first.results[0]?.earned);
    expect(lateRun?.lineSource).toEqual({
      lineState: expect.any(String),
      reusedFromRunId: rerun.runId,
      monthsReused: ['2026-02', '2026-04'],
      monthsRead: ['2026-03'],
      partnerMonthsReused: 2,
      partnerMonthsRead: 1,
      partnerMonthsReadAgain: [{ partnerId: 'P1', month: '2026-03' }],
    });
    expect(late.results[0]?.earned).toEqual({ USD: '15.00' });
  });
});

/** A change to the stored lines between runs, as a file, a restatement or a withdrawal makes it. */
type LineChange =
  | { readonly kind: 'add'; readonly partnerId: string; readonly day: number; readonly quantity: number }
  | { readonly kind: 'restate'; readonly index: number; readonly day: number; readonly quantity: number }
  | { readonly kind: 'withdraw'; readonly index: number };

const partnerIds = ['P1', 'P2', 'P3'];
// Days from Feb 1: the run's months (February to April around March) and one month beyond them.
const dayOf = (day: number) => new Date(Date.UTC(2026, 1, 1 + day)).toISOString().slice(0, 10);
const lineChange: fc.Arbitrary<LineChange> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    partnerId: fc.constantFrom(...partnerIds),
    day: fc.nat(115),
    quantity: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record({
    kind: fc.constant('restate' as const),
    index: fc.nat(),
    day: fc.nat(115),
    quantity: fc.integer({ min: 1, max: 500 }),
  }),
  fc.record({ kind: fc.constant('withdraw' as const), index: fc.nat() }),
);

let invoices = 0;
function apply(lines: ChannelSaleLine[], change: LineChange): void {
  if (change.kind === 'add') {
    const invoiceNumber = `INV-${++invoices}`;
    lines.push(
      channelLine({
        ...change,
        invoiceNumber,
        invoiceDate: dayOf(change.day),
        quantity: String(change.quantity),
      }),
    );
    return;
  }
  if (lines.length === 0) return;
  const index = change.index % lines.length;
  const line = lines[index] as ChannelSaleLine;
  if (change.kind === 'withdraw') lines.splice(index, 1);
  // A restatement keeps the line's key and may move it to another month.
  else lines[index] = { ...line, invoiceDate: dayOf(change.day), quantity: String(change.quantity) };
}

/** A run over the same lines that reads them all: the last completed run is hidden from it, and it does not complete. */
async function fullRead(deps: FakeAccrualRunDeps) {
  const last = deps.snapshots.lastCompleted;
  deps.snapshots.lastCompleted = null;
  const { runId } = await preparedRun(deps);
  deps.snapshots.lastCompleted = last;
  return runId;
}

describe('partner-month reuse', () => {
  it('gives exactly what a full read gives, for any changes between runs (lines, fingerprint, unreadable lines, each program’s result)', async () => {
    let partial = 0; // runs that reused some partner-months and read others
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineChange, { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(lineChange, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        async (initial, rounds) => {
          const deps = accrualRunDeps();
          await inForce(deps);
          for (const change of initial) apply(deps.lines.lines, change);
          deps.lines.add(channelLine({ partnerId: 'P2', invoiceNumber: 'BAD', quantity: '12345678901' }));
          await completedRun(deps);
          for (const changes of rounds) {
            for (const change of changes) apply(deps.lines.lines, change);

            const { runId } = await completedRun(deps);
            const fullId = await fullRead(deps);

            const [run, full] = await Promise.all([deps.runs.get(runId), deps.runs.get(fullId)]);
            const sorted = async (id: string) =>
              (await deps.snapshots.read(id)).sort((a, b) => (a.lineId < b.lineId ? -1 : 1));
            if (run?.lineSource?.reusedFromRunId)
              partial += Number((run.lineSource.partnerMonthsRead ?? 0) > 0);
            expect(full?.lineSource?.reusedFromRunId).toBeNull();
            expect(run?.lineSetFingerprint).toBe(full?.lineSetFingerprint);
            expect(await sorted(runId)).toEqual(await sorted(fullId));
            expect(run?.unreadableLines).toEqual(full?.unreadableLines);
            const computed = (id: string) => deps.snapshots.computed.get(`${id}/VOL-2026`);
            expect(computed(runId)).toEqual(computed(fullId));
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(partial).toBeGreaterThan(10);
  });
});
