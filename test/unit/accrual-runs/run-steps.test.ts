import { describe, expect, it } from 'vitest';
import {
  completeAccrualRun,
  failAccrualRun,
  type ProgramStep,
  postProgramAccruals,
  prepareAccrualRun,
} from '../../../domain/accrual-runs/run-steps';
import { requestAccrualRun } from '../../../domain/accrual-runs/run-use-cases';
import { fingerprintLines } from '../../../domain/accruals/engine/line-set-fingerprint';
import { approveAdjustment, requestAdjustment } from '../../../domain/ledger/adjustment-use-cases';
import type { ManualAdjustment } from '../../../domain/ledger/manual-adjustment';
import { activateProgram, reviseProgram } from '../../../domain/programs/program-lifecycle';
import { BusinessRuleError, NotFoundError, VersionConflictError } from '../../../domain/shared/errors';
import { accrualRunCompletedV1, detailType, source } from '../../../events/accrual-run-completed.v1';
import { approver, channelManager, finance } from '../../support/actors';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { march2026, sumCents } from '../accruals/builders';
import { programDefinition } from '../programs/builders';
import { accrualRunDeps, channelLine } from './fakes';
import { completedRun, inForce, preparedRun } from './scenario';

/** P1 sold 100 units and P2 300 units in March: 10.00 and 30.00 at $0.10 a unit. */
async function marchWithTwoPartners() {
  const deps = accrualRunDeps();
  await inForce(deps);
  deps.lines.add(
    channelLine({ partnerId: 'P1', quantity: '100' }),
    channelLine({ partnerId: 'P2', quantity: '300', extendedAmount: '3000.00' }),
  );
  return deps;
}

function onlyStep(steps: readonly ProgramStep[]): ProgramStep {
  const [step, ...others] = steps;
  if (step === undefined || others.length > 0) throw new Error(`expected one step, got ${steps.length}`);
  return step;
}

/** A second program in EUR for partner P3, with one P3 sale of 50 units in EUR. */
async function withEuroProgram(deps: Awaited<ReturnType<typeof marchWithTwoPartners>>) {
  await inForce(deps, {
    programId: 'VOL-EUR',
    currency: 'EUR',
    eligibility: { startDate: '2026-01-01', partners: ['P3'] },
  });
  deps.lines.add(channelLine({ partnerId: 'P3', quantity: '50', extendedAmount: '450.00', currency: 'EUR' }));
  return deps;
}

describe('prepareAccrualRun', () => {
  it('snapshots the lines of the months the programs need and records what the run read', async () => {
    // Arrange
    const deps = accrualRunDeps();
    const program = await inForce(deps);
    deps.lines.add(
      channelLine({ invoiceNumber: 'FEB', invoiceDate: '2026-02-27' }),
      channelLine({ invoiceNumber: 'MAR' }),
      channelLine({ invoiceNumber: 'APR', invoiceDate: '2026-04-02' }),
      channelLine({ invoiceNumber: 'JUN', invoiceDate: '2026-06-01' }),
      channelLine({ invoiceNumber: 'BAD', quantity: '12345678901' }),
    );
    const run = await requestAccrualRun(deps, finance, { period: march2026 });

    // Act
    const steps = await prepareAccrualRun(deps, run.runId);

    // Assert
    expect(steps).toEqual([{ runId: run.runId, programId: 'VOL-2026', programVersion: 1 }]);
    expect(deps.lines.reads).toEqual([
      { month: '2026-02', partnerId: 'P1' },
      { month: '2026-03', partnerId: 'P1' },
      { month: '2026-04', partnerId: 'P1' },
    ]);
    const snapshot = await deps.snapshots.read(run.runId);
    expect(snapshot.map((line) => line.lineId)).toEqual(['P1/FEB/1', 'P1/MAR/1', 'P1/APR/1']);
    expect(await deps.runs.get(run.runId)).toMatchObject({
      status: 'running',
      months: ['2026-02', '2026-03', '2026-04'],
      programs: [{ programId: 'VOL-2026', programVersion: program.version }],
      lineCount: 3,
      lineSetFingerprint: fingerprintLines(snapshot),
      unreadableLines: [
        {
          lineId: 'P1/BAD/1',
          reason: 'quantity 12345678901 out of range',
          partnerId: 'P1',
          month: '2026-03',
        },
      ],
      version: 2,
    });
  });

  it('records the version in force: an activated amendment, not the pending draft', async () => {
    // Arrange
    const deps = accrualRunDeps();
    await inForce(deps);
    await reviseProgram(deps, channelManager, {
      programId: 'VOL-2026',
      expectedVersion: 2,
      definition: programDefinition({ name: 'Amended' }),
    });
    await activateProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 3 });
    await reviseProgram(deps, channelManager, {
      programId: 'VOL-2026',
      expectedVersion: 4,
      definition: programDefinition({ name: 'Pending' }),
    });

    // Act
    const { runId, steps } = await preparedRun(deps);

    // Assert
    expect(steps).toEqual([{ runId, programId: 'VOL-2026', programVersion: 2 }]);
  });

  it('lists at most 100 unreadable lines but counts only readable ones', async () => {
    const deps = accrualRunDeps();
    await inForce(deps);
    for (let index = 0; index < 105; index++) {
      deps.lines.add(channelLine({ invoiceNumber: `BAD-${index}`, extendedAmount: '0.1234567' }));
    }
    deps.lines.add(channelLine());

    const { runId } = await preparedRun(deps);

    const run = await deps.runs.get(runId);
    expect(run?.unreadableLines).toHaveLength(100);
    expect(run?.lineCount).toBe(1);
  });

  it('reads nothing and plans no step when no program is in force', async () => {
    const deps = accrualRunDeps();
    deps.lines.add(channelLine());

    const { runId, steps } = await preparedRun(deps);

    expect(steps).toEqual([]);
    expect(deps.lines.reads).toEqual([]);
    expect(await deps.runs.get(runId)).toMatchObject({ status: 'running', months: [], lineCount: 0 });
  });

  it('refuses a run that already completed or failed, and an unknown run', async () => {
    const deps = await marchWithTwoPartners();
    const { runId } = await completedRun(deps);
    const failed = await requestAccrualRun(deps, finance, { period: march2026 });
    await failAccrualRun(deps, { runId: failed.runId, reason: 'Lambda timed out' });

    await expect(prepareAccrualRun(deps, runId)).rejects.toThrow(/is already completed/);
    await expect(prepareAccrualRun(deps, failed.runId)).rejects.toBeInstanceOf(BusinessRuleError);
    await expect(prepareAccrualRun(deps, 'NOPE')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('postProgramAccruals', () => {
  it('posts every new entry as an accrual dated the accounting date', async () => {
    // Arrange
    const deps = await marchWithTwoPartners();
    const { runId, steps } = await preparedRun(deps);

    // Act
    const result = await postProgramAccruals(deps, onlyStep(steps));

    // Assert
    expect(result).toMatchObject({
      programId: 'VOL-2026',
      programVersion: 1,
      entries: 2,
      postings: 2,
      skippedLines: 0,
      posted: { USD: '40.00' },
      earned: { USD: '40.00' },
    });
    const postings = await deps.ledger.postingsOfRun(runId);
    expect(postings.map((posting) => [posting.kind, posting.partnerId, posting.amount])).toEqual([
      ['accrual', 'P1', '10.00'],
      ['accrual', 'P2', '30.00'],
    ]);
    expect(
      postings.every((posting) => posting.postedOn === '2026-03-31' && posting.period === '2026-03'),
    ).toBe(true);
  });

  it("carries the program's business unit onto its postings, for the GL", async () => {
    // Arrange
    const deps = accrualRunDeps();
    await inForce(deps, { businessUnit: 'NETWORKING' });
    deps.lines.add(channelLine({ partnerId: 'P1', quantity: '100' }));
    const { runId, steps } = await preparedRun(deps);

    // Act
    await postProgramAccruals(deps, onlyStep(steps));

    // Assert
    const postings = await deps.ledger.postingsOfRun(runId);
    expect(postings.map((posting) => posting.businessUnit)).toEqual(['NETWORKING']);
  });

  it('posts nothing when a second run reads the same lines, and reproduces the same entries', async () => {
    // Arrange
    const deps = await marchWithTwoPartners();
    const first = await completedRun(deps);
    const posted = deps.ledger.all();

    // Act
    const second = await completedRun(deps);

    // Assert
    const [firstResult] = first.results;
    expect(second.results).toEqual([
      {
        ...firstResult,
        postings: 0,
        posted: {},
        periods: firstResult?.periods.map((period) => ({
          ...period,
          postings: 0,
          postedOn: null,
          previouslyMeasured: { to: '2026-03-31', runId: first.runId },
        })),
      },
    ]);
    expect(deps.ledger.all()).toEqual(posted);
    expect(second.event.posted).toEqual({});
  });

  it('trues up a late line by exactly the difference, here across a tier (retrospective)', async () => {
    // Arrange: P1's late 950 units take it to 1,050, where every unit earns $0.20
    const deps = await marchWithTwoPartners();
    await completedRun(deps);
    deps.lines.add(channelLine({ partnerId: 'P1', invoiceNumber: 'INV-LATE', quantity: '950' }));

    // Act
    const { runId, results } = await completedRun(deps);

    // Assert
    expect(results[0]).toMatchObject({ postings: 1, posted: { USD: '200.00' }, earned: { USD: '240.00' } });
    expect(await deps.ledger.postingsOfRun(runId)).toMatchObject([
      { kind: 'trueUp', partnerId: 'P1', amount: '200.00', reason: 'restated from 10.00 to 210.00' },
    ]);
    const p1 = deps.ledger.all().filter((posting) => posting.partnerId === 'P1');
    expect(sumCents(p1.map((posting) => posting.amount))).toBe('210.00');
  });

  it('trues up a line restated downward with a negative posting', async () => {
    const deps = await marchWithTwoPartners();
    await completedRun(deps);
    const p2 = deps.lines.lines.findIndex((line) => line.partnerId === 'P2');
    deps.lines.lines[p2] = channelLine({ partnerId: 'P2', quantity: '100' });

    const { runId } = await completedRun(deps);

    expect(await deps.ledger.postingsOfRun(runId)).toMatchObject([
      { kind: 'trueUp', partnerId: 'P2', amount: '-20.00' },
    ]);
  });

  it('retries after a concurrent append and posts nothing twice', async () => {
    // Arrange: another run over the same lines appends to the period just before this one does
    const deps = await marchWithTwoPartners();
    const mine = await preparedRun(deps);
    const theirs = await preparedRun(deps);
    deps.ledger.simulateConcurrentAppend(async () => {
      await postProgramAccruals(deps, onlyStep(theirs.steps));
    });

    // Act
    const result = await postProgramAccruals(deps, onlyStep(mine.steps));

    // Assert
    expect(deps.ledger.conflicts).toBe(1);
    expect(result).toMatchObject({ postings: 0, posted: {}, earned: { USD: '40.00' } });
    expect(deps.ledger.all()).toHaveLength(2);
    expect(sumCents(deps.ledger.all().map((posting) => posting.amount))).toBe('40.00');
    expect(await deps.ledger.postingsOfRun(mine.runId)).toEqual([]);
  });

  it('retries after a concurrent append of other postings and then posts its own once', async () => {
    const deps = await marchWithTwoPartners();
    const { steps } = await preparedRun(deps);
    deps.ledger.simulateConcurrentAppend();

    const result = await postProgramAccruals(deps, onlyStep(steps));

    expect(deps.ledger.appendCalls).toBe(2);
    expect(result).toMatchObject({ postings: 2, posted: { USD: '40.00' } });
    expect(deps.ledger.all()).toHaveLength(2);
  });

  it('gives up with VersionConflictError after five conflicting attempts, having posted nothing', async () => {
    const deps = await marchWithTwoPartners();
    const { steps } = await preparedRun(deps);
    deps.ledger.simulateConcurrentAppend(undefined, 5);

    await expect(postProgramAccruals(deps, onlyStep(steps))).rejects.toBeInstanceOf(VersionConflictError);
    expect(deps.ledger.appendCalls).toBe(5);
    expect(deps.ledger.all()).toEqual([]);
  });

  it('never reverses an approved manual adjustment in the period it recomputes', async () => {
    // Arrange: finance raised P1's March earned by 5.00 after the first run
    const deps = await marchWithTwoPartners();
    await completedRun(deps);
    const adjustments = {
      adjustments: new InMemoryRecordStore<ManualAdjustment>((adjustment) => adjustment.adjustmentId),
      ledger: deps.ledger,
      accountingPeriods: deps.accountingPeriods,
      clock: deps.clock,
      newId: () => '1',
    };
    const requested = await requestAdjustment(adjustments, finance, {
      programId: 'VOL-2026',
      beneficiaryPartnerId: 'P1',
      fund: 'rebate',
      period: '2026-03',
      currency: 'USD',
      amount: '5',
      reason: 'missed promotion line',
    });
    await approveAdjustment(adjustments, approver, {
      adjustmentId: requested.adjustmentId,
      expectedVersion: 1,
    });

    // Act
    const rerun = await completedRun(deps);

    // Assert
    expect(rerun.results[0]).toMatchObject({ postings: 0 });
    expect(deps.ledger.all().filter((posting) => posting.kind === 'adjustment')).toMatchObject([
      { postingId: 'adjustment#ADJ-1', amount: '5.00' },
    ]);
    expect(sumCents(deps.ledger.all().map((posting) => posting.amount))).toBe('45.00');
  });

  it('posts each program to its own ledger in its own currency', async () => {
    // Arrange
    const deps = await withEuroProgram(await marchWithTwoPartners());

    // Act
    const { results } = await completedRun(deps);

    // Assert
    expect(results.map((result) => [result.programId, result.posted, result.skippedLines])).toEqual([
      ['VOL-2026', { USD: '40.00' }, 1],
      ['VOL-EUR', { EUR: '5.00' }, 0],
    ]);
  });
});

describe('completeAccrualRun', () => {
  it('marks the run completed with its results and publishes AccrualRunCompleted with totals per currency', async () => {
    // Arrange
    const deps = await withEuroProgram(await marchWithTwoPartners());
    const { runId, steps } = await preparedRun(deps);
    const results = [];
    for (const step of [...steps].reverse()) results.push(await postProgramAccruals(deps, step));

    // Act
    const detail = await completeAccrualRun(deps, { runId, results });

    // Assert
    const run = await deps.runs.get(runId);
    expect(run).toMatchObject({ status: 'completed', completedAt: '2026-04-01T06:00:00.000Z' });
    expect(run?.results.map((result) => result.programId)).toEqual(['VOL-2026', 'VOL-EUR']);
    expect(deps.events.events).toEqual([{ source, detailType, detail }]);
    expect(accrualRunCompletedV1.parse(detail)).toEqual(detail);
    expect(detail).toEqual({
      version: 1,
      runId,
      trigger: 'api',
      period: march2026,
      accountingDate: '2026-03-31',
      programs: 2,
      lines: 3,
      postings: 3,
      posted: { EUR: '5.00', USD: '40.00' },
      occurredAt: '2026-04-01T06:00:00.000Z',
    });
  });

  it('adds the amounts of one currency across programs exactly', async () => {
    const deps = accrualRunDeps();
    const run = await requestAccrualRun(deps, finance, { period: march2026 });
    const result = {
      programVersion: 1,
      entries: 1,
      skippedLines: 0,
      earned: {},
      entriesFingerprint: 'x',
      periods: [],
    };

    const detail = await completeAccrualRun(deps, {
      runId: run.runId,
      results: [
        { ...result, programId: 'B', postings: 1, posted: { USD: '0.10' } },
        { ...result, programId: 'A', postings: 2, posted: { USD: '0.20', JPY: '-100' } },
      ],
    });

    expect(detail).toMatchObject({ postings: 3, posted: { JPY: '-100', USD: '0.30' } });
  });

  it('leaves a completed run as it is when the step is retried', async () => {
    const deps = await marchWithTwoPartners();
    const { runId } = await completedRun(deps);
    const completed = await deps.runs.get(runId);

    await completeAccrualRun(deps, { runId, results: [] });

    expect(await deps.runs.get(runId)).toEqual(completed);
  });
});

describe('failAccrualRun', () => {
  it('records why a run failed', async () => {
    const deps = await marchWithTwoPartners();
    const { runId } = await preparedRun(deps);

    await failAccrualRun(deps, { runId, reason: `States.TaskFailed: ${'x'.repeat(2000)}` });

    const run = await deps.runs.get(runId);
    expect(run).toMatchObject({ status: 'failed', completedAt: '2026-04-01T06:00:00.000Z' });
    expect(run?.failure).toHaveLength(1000);
  });

  it('does not overwrite a completed run, nor the first failure', async () => {
    const deps = await marchWithTwoPartners();
    const { runId } = await completedRun(deps);
    const completed = await deps.runs.get(runId);
    const other = await requestAccrualRun(deps, finance, { period: march2026 });
    await failAccrualRun(deps, { runId: other.runId, reason: 'first' });

    await failAccrualRun(deps, { runId, reason: 'late catch' });
    await failAccrualRun(deps, { runId: other.runId, reason: 'second' });

    expect(await deps.runs.get(runId)).toEqual(completed);
    expect((await deps.runs.get(other.runId))?.failure).toBe('first');
  });
});
