import { describe, expect, it } from 'vitest';
import { prepareAccrualRun } from '../../../domain/accrual-runs/run-steps';
import {
  explainRunEntries,
  getAccrualRun,
  listAccrualRuns,
  recordScheduledRun,
  replayAccrualRun,
  requestAccrualRun,
} from '../../../domain/accrual-runs/run-use-cases';
import { type AccrualEntry, accrualKey } from '../../../domain/accruals/accrual-entry';
import { activateProgram, closeProgram, reviseProgram } from '../../../domain/programs/program-lifecycle';
import { BusinessRuleError, ForbiddenError, NotFoundError } from '../../../domain/shared/errors';
import { admin, approver, channelManager, finance, partnerUser } from '../../support/actors';
import { march2026 } from '../accruals/builders';
import { programDefinition } from '../programs/builders';
import { accrualRunDeps, channelLine } from './fakes';
import { completedRun, inForce, preparedRun } from './scenario';

/** A completed March run of the volume program over P1's 100 units and P2's 300 units. */
async function completedMarch() {
  const deps = accrualRunDeps();
  await inForce(deps);
  deps.lines.add(
    channelLine({ partnerId: 'P1', quantity: '100' }),
    channelLine({ partnerId: 'P2', quantity: '300', extendedAmount: '3000.00' }),
  );
  const { runId } = await completedRun(deps);
  return { deps, runId };
}

describe('requestAccrualRun', () => {
  it.each([
    ['finance', finance],
    ['admin', admin],
  ])('records a run requested by %s and starts its workflow with the run id', async (_role, actor) => {
    // Arrange
    const deps = accrualRunDeps();

    // Act
    const run = await requestAccrualRun(deps, actor, { period: march2026 });

    // Assert
    expect(run).toMatchObject({
      runId: '2026-03-RUN1',
      trigger: 'api',
      requestedBy: actor.userId,
      period: march2026,
      accountingDate: '2026-03-31',
      status: 'requested',
      results: [],
      version: 1,
    });
    expect(deps.workflow.started).toEqual(['2026-03-RUN1']);
    expect(await deps.runs.get('2026-03-RUN1')).toEqual(run);
  });

  it('keeps an accounting date given with the request', async () => {
    const deps = accrualRunDeps();
    const run = await requestAccrualRun(deps, finance, { period: march2026, accountingDate: '2026-04-03' });
    expect(run.accountingDate).toBe('2026-04-03');
  });

  it.each([
    ['channel manager', channelManager],
    ['approver', approver],
    ['partner', partnerUser('P1')],
  ])('refuses the %s role: nothing recorded, no workflow started', async (_role, actor) => {
    const deps = accrualRunDeps();
    await expect(requestAccrualRun(deps, actor, { period: march2026 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(deps.runs.records.size).toBe(0);
    expect(deps.workflow.started).toEqual([]);
  });
});

describe('recordScheduledRun', () => {
  it('records the run of the previous month under an id of that month', async () => {
    // Arrange
    const deps = accrualRunDeps();

    // Act
    const runId = await recordScheduledRun(deps, new Date('2026-04-01T00:05:00.000Z'));

    // Assert
    expect(runId).toBe('month-end-2026-03');
    expect(await deps.runs.get(runId)).toMatchObject({
      trigger: 'schedule',
      requestedBy: 'schedule',
      period: { start: '2026-03-01', end: '2026-03-31' },
      accountingDate: '2026-03-31',
      status: 'requested',
    });
  });

  it('names January runs after December of the prior year', async () => {
    expect(await recordScheduledRun(accrualRunDeps(), new Date('2026-01-01T00:05:00.000Z'))).toBe(
      'month-end-2025-12',
    );
  });

  it('records a schedule delivered twice once, leaving the run as it progressed', async () => {
    // Arrange
    const deps = accrualRunDeps();
    await inForce(deps);
    const scheduledAt = new Date('2026-04-01T00:05:00.000Z');
    const runId = await recordScheduledRun(deps, scheduledAt);
    await prepareAccrualRun(deps, runId);
    const running = await deps.runs.get(runId);

    // Act
    const again = await recordScheduledRun(deps, scheduledAt);

    // Assert
    expect(again).toBe(runId);
    expect(deps.runs.records.size).toBe(1);
    expect(await deps.runs.get(runId)).toEqual(running);
  });
});

describe('reading runs', () => {
  it('lets staff read and list runs, and refuses partners', async () => {
    const { deps, runId } = await completedMarch();
    expect((await getAccrualRun(deps, channelManager, runId)).status).toBe('completed');
    expect((await listAccrualRuns(deps, approver, { limit: 10 })).items.map((run) => run.runId)).toEqual([
      runId,
    ]);
    await expect(getAccrualRun(deps, partnerUser('P1'), runId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAccrualRuns(deps, partnerUser('P1'), { limit: 10 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(getAccrualRun(deps, finance, 'NOPE')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('replayAccrualRun', () => {
  it('reproduces a completed run exactly', async () => {
    // Arrange
    const { deps, runId } = await completedMarch();
    const run = await deps.runs.get(runId);
    const [result] = run?.results ?? [];

    // Act
    const replay = await replayAccrualRun(deps, finance, runId);

    // Assert
    expect(run?.lineSetFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(replay).toEqual({
      runId,
      identical: true,
      lines: { recorded: run?.lineSetFingerprint, replayed: run?.lineSetFingerprint, identical: true },
      programs: [
        {
          programId: 'VOL-2026',
          programVersion: 1,
          recorded: result?.entriesFingerprint,
          replayed: result?.entriesFingerprint,
          identical: true,
        },
      ],
    });
  });

  it('replays with the recorded version after the program was amended and closed, and with the snapshot after new lines arrived', async () => {
    // Arrange
    const { deps, runId } = await completedMarch();
    const amendment = programDefinition({
      terms: {
        kind: 'volume',
        basis: 'quantity',
        method: 'retrospective',
        rateType: 'amountPerUnit',
        tiers: [{ from: '0', rate: '5' }],
      },
    });
    await reviseProgram(deps, channelManager, {
      programId: 'VOL-2026',
      expectedVersion: 2,
      definition: amendment,
    });
    await activateProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 3 });
    await closeProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 4, reason: 'over' });
    deps.lines.add(channelLine({ invoiceNumber: 'LATE', quantity: '900' }));

    // Act
    const replay = await replayAccrualRun(deps, finance, runId);

    // Assert
    expect(replay.identical).toBe(true);
  });

  it('reports a difference when the snapshot was tampered with', async () => {
    // Arrange
    const { deps, runId } = await completedMarch();
    deps.snapshots.tamper(runId, (lines) =>
      lines.map((line) => (line.partnerId === 'P2' ? { ...line, quantityBase: '301' } : line)),
    );

    // Act
    const replay = await replayAccrualRun(deps, finance, runId);

    // Assert
    expect(replay.identical).toBe(false);
    expect(replay.programs[0]?.identical).toBe(false);
    expect(replay.programs[0]?.replayed).not.toBe(replay.programs[0]?.recorded);
  });

  it('reports a changed snapshot even when no program reads the changed field', async () => {
    // Arrange: the ship-to of one line is rewritten; the volume program's entries do not depend on it
    const { deps, runId } = await completedMarch();
    deps.snapshots.tamper(runId, (lines) =>
      lines.map((line, index) => (index === 0 ? { ...line, shipTo: 'SOMEWHERE-ELSE' } : line)),
    );

    // Act
    const replay = await replayAccrualRun(deps, finance, runId);

    // Assert
    expect(replay.programs[0]?.identical).toBe(true);
    expect(replay.lines.identical).toBe(false);
    expect(replay.identical).toBe(false);
  });

  it('refuses a run that has not completed, and partners', async () => {
    const deps = accrualRunDeps();
    await inForce(deps);
    const { runId } = await preparedRun(deps);

    await expect(replayAccrualRun(deps, finance, runId)).rejects.toBeInstanceOf(BusinessRuleError);
    await expect(replayAccrualRun(deps, partnerUser('P1'), runId)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('explainRunEntries', () => {
  it('explains every entry of a program to staff, each with its key and trace', async () => {
    // Arrange
    const { deps, runId } = await completedMarch();

    // Act
    // Staff see full entries (beneficiary-view.ts), so they carry their traces.
    const entries = (await explainRunEntries(deps, finance, {
      runId,
      programId: 'VOL-2026',
    })) as AccrualEntry[];

    // Assert
    expect(entries.map((entry) => [entry.partnerId, entry.amount])).toEqual([
      ['P1', '10.00'],
      ['P2', '30.00'],
    ]);
    for (const entry of entries) {
      expect(entry.key).toBe(accrualKey(entry));
      expect(entry.trace.roundedAmount).toBe(entry.amount);
      expect(entry.trace.sourceLineIds).toEqual([`${entry.partnerId}/INV-1/1`]);
    }
  });

  it("lets staff narrow to one partner's entries", async () => {
    const { deps, runId } = await completedMarch();
    const entries = await explainRunEntries(deps, finance, { runId, programId: 'VOL-2026', partnerId: 'P2' });
    expect(entries.map((entry) => entry.partnerId)).toEqual(['P2']);
  });

  it("shows a partner only its own entries, ignoring another partner's id in the query", async () => {
    // Arrange
    const { deps, runId } = await completedMarch();

    // Act
    const own = await explainRunEntries(deps, partnerUser('P1'), { runId, programId: 'VOL-2026' });
    const probing = await explainRunEntries(deps, partnerUser('P1'), {
      runId,
      programId: 'VOL-2026',
      partnerId: 'P2',
    });

    // Assert
    expect(own.map((entry) => entry.partnerId)).toEqual(['P1']);
    expect(probing).toEqual(own);
  });

  it('shows a beneficiary (e.g. a buying group) the entries it earns from its members', async () => {
    // Arrange
    const deps = accrualRunDeps();
    await inForce(deps, { eligibility: { startDate: '2026-01-01', beneficiaryPartnerId: 'GROUP-1' } });
    deps.lines.add(channelLine({ partnerId: 'P1' }), channelLine({ partnerId: 'P2' }));
    const { runId } = await completedRun(deps);

    // Act
    const entries = await explainRunEntries(deps, partnerUser('GROUP-1'), { runId, programId: 'VOL-2026' });
    const member = await explainRunEntries(deps, partnerUser('P1'), { runId, programId: 'VOL-2026' });

    // Assert
    expect(entries.map((entry) => [entry.beneficiaryPartnerId, entry.partnerId])).toEqual([
      ['GROUP-1', 'P1'],
      ['GROUP-1', 'P2'],
    ]);
    expect(member.map((entry) => entry.partnerId)).toEqual(['P1']);
  });

  it('answers NotFoundError for a program the run did not compute', async () => {
    const { deps, runId } = await completedMarch();
    await expect(explainRunEntries(deps, finance, { runId, programId: 'OTHER' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
