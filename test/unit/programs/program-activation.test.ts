import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/actor';
import { rebateProgramSchema } from '../../../domain/programs/program';
import {
  activateProgram,
  closeProgram,
  createProgram,
  getProgram,
  getProgramVersion,
  type ProgramDeps,
  programsInForce,
  reviseProgram,
} from '../../../domain/programs/program-lifecycle';
import type { ProgramRecord } from '../../../domain/programs/program-record';
import { BusinessRuleError, ForbiddenError, VersionConflictError } from '../../../domain/shared/errors';
import type { Stored } from '../../../domain/shared/ports';
import { admin, approver, channelManager, finance, partnerUser } from '../../support/actors';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';
import { activeProgram, programDefinition, programDeps } from './builders';

const secondApprover: Actor = { userId: 'u-appr-2', role: 'approver' };

/** A launch bonus of 5,000 for one partner, drafted with or without the day it accrues. */
function lumpSumDefinition(accrueOn?: string) {
  return programDefinition({
    programId: 'LUMP-2026',
    name: 'Launch bonus 2026',
    terms: {
      kind: 'lumpSum',
      amount: '5000',
      partnerId: 'DIST-1',
      ...(accrueOn === undefined ? {} : { accrueOn }),
    },
  });
}

/** A program store in which another writer can get in just before the next replace (a lost race). */
class RacingProgramStore extends InMemoryRecordStore<ProgramRecord> {
  private concurrentWriter: (() => Promise<unknown>) | undefined;

  constructor() {
    super(
      (program) => program.programId,
      (program) => program.status,
    );
  }

  beforeNextReplace(writer: () => Promise<unknown>): void {
    this.concurrentWriter = writer;
  }

  override async replace(record: Stored<ProgramRecord>, expectedVersion: number): Promise<void> {
    const writer = this.concurrentWriter;
    this.concurrentWriter = undefined;
    if (writer !== undefined) await writer();
    return super.replace(record, expectedVersion);
  }
}

/** A first activation whose program update fails after the version record was written (e.g. a timeout). */
async function interruptedActivation(
  deps: ProgramDeps & { programs: RacingProgramStore },
  programId: string,
) {
  deps.programs.beforeNextReplace(async () => {
    throw new Error('connection reset');
  });
  await expect(activateProgram(deps, approver, { programId, expectedVersion: 1 })).rejects.toThrow(
    'connection reset',
  );
}

describe('activateProgram', () => {
  it('puts the draft in force as version 1 and writes the immutable version record', async () => {
    // Arrange
    const deps = programDeps(fixedClock('2026-03-02T09:30:00.000Z'));
    const definition = programDefinition();
    await createProgram(deps, channelManager, definition);

    // Act
    const activated = await activateProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 1 });

    // Assert
    expect(activated).toMatchObject({
      status: 'active',
      draft: null,
      draftedBy: null,
      activatedBy: 'u-appr',
      activatedAt: '2026-03-02T09:30:00.000Z',
      version: 2,
    });
    expect(activated.active).toEqual({ ...definition, version: 1, status: 'active' });
    const version = await getProgramVersion(deps, finance, { programId: 'VOL-2026', programVersion: 1 });
    expect(version).toMatchObject({
      programId: 'VOL-2026',
      programVersion: 1,
      program: activated.active,
      draftedBy: 'u-cm',
      activatedBy: 'u-appr',
      activatedAt: '2026-03-02T09:30:00.000Z',
      version: 1,
    });
  });

  it('puts a lump sum drafted without a date in force accruing on the UTC day of activation', async () => {
    // Arrange: late evening in the Americas is already the next day in UTC
    const deps = programDeps(fixedClock('2026-04-30T23:45:00.000Z'));
    const definition = lumpSumDefinition();
    await createProgram(deps, channelManager, definition);

    // Act
    const activated = await activateProgram(deps, approver, { programId: 'LUMP-2026', expectedVersion: 1 });

    // Assert: the immutable version record says when it accrues, so a replay needs no clock
    const terms = { kind: 'lumpSum', amount: '5000', partnerId: 'DIST-1', accrueOn: '2026-04-30' };
    expect(activated.active?.terms).toEqual(terms);
    const version = await getProgramVersion(deps, finance, { programId: 'LUMP-2026', programVersion: 1 });
    expect(version.program).toEqual(activated.active);
    expect(rebateProgramSchema.parse(version.program)).toEqual(version.program);
  });

  it('keeps the day of the version in force when an amendment of a lump sum leaves it out', async () => {
    // Arrange: activated on 30 April; an amendment raising the amount is activated in June
    let now = '2026-04-30T09:00:00.000Z';
    const deps = programDeps(() => new Date(now));
    await createProgram(deps, channelManager, lumpSumDefinition());
    await activateProgram(deps, approver, { programId: 'LUMP-2026', expectedVersion: 1 });
    const amended = programDefinition({
      ...lumpSumDefinition(),
      terms: { kind: 'lumpSum', amount: '6000', partnerId: 'DIST-1' },
    });
    await reviseProgram(deps, channelManager, {
      programId: 'LUMP-2026',
      expectedVersion: 2,
      definition: amended,
    });
    now = '2026-06-10T09:00:00.000Z';

    // Act
    const activated = await activateProgram(deps, approver, { programId: 'LUMP-2026', expectedVersion: 3 });

    // Assert: version 2 replaces version 1's accrual in April instead of adding one in June
    expect(activated.active).toMatchObject({ version: 2, terms: { amount: '6000', accrueOn: '2026-04-30' } });
  });

  it('keeps the date of a lump sum drafted with one, whatever the day of activation', async () => {
    // Arrange
    const deps = programDeps(fixedClock('2026-04-30T09:00:00.000Z'));
    await createProgram(deps, channelManager, lumpSumDefinition('2026-06-15'));

    // Act
    const activated = await activateProgram(deps, approver, { programId: 'LUMP-2026', expectedVersion: 1 });

    // Assert
    expect(activated.active?.terms).toMatchObject({ kind: 'lumpSum', accrueOn: '2026-06-15' });
    const version = await getProgramVersion(deps, finance, { programId: 'LUMP-2026', programVersion: 1 });
    expect(version.program.terms).toMatchObject({ accrueOn: '2026-06-15' });
  });

  it.each([
    ['channel manager', channelManager],
    ['finance', finance],
    ['partner', partnerUser('DIST-1')],
  ])('refuses the %s role with ForbiddenError', async (_role, actor) => {
    const deps = programDeps();
    await createProgram(deps, channelManager, programDefinition());
    await expect(
      activateProgram(deps, actor, { programId: 'VOL-2026', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses activation by the author of the draft (segregation of duties) and writes nothing', async () => {
    // Arrange: an admin may both draft and approve, but not their own draft
    const deps = programDeps();
    await createProgram(deps, admin, programDefinition());

    // Act
    const error = await activateProgram(deps, admin, { programId: 'VOL-2026', expectedVersion: 1 }).catch(
      (e: unknown) => e,
    );

    // Assert
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect((error as Error).message).toMatch(/author of a draft cannot activate it/);
    expect((await deps.programs.get('VOL-2026'))?.status).toBe('draft');
    expect(deps.programVersions.records.size).toBe(0);
  });

  it('refuses a program with no pending draft', async () => {
    const { deps } = await activeProgram();
    await expect(
      activateProgram(deps, secondApprover, { programId: 'VOL-2026', expectedVersion: 2 }),
    ).rejects.toThrow(/has no draft to activate/);
  });

  it('refuses a closed program', async () => {
    const deps = programDeps();
    await createProgram(deps, channelManager, programDefinition());
    await closeProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 1, reason: 'never needed' });

    await expect(
      activateProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 2 }),
    ).rejects.toThrow(/is closed/);
  });

  it('activates an amendment as version 2 while version 1 stays readable unchanged', async () => {
    // Arrange
    const { deps, activated: first } = await activeProgram();
    const amendment = programDefinition({ name: 'Volume rebate 2026, amended' });
    await reviseProgram(deps, admin, { programId: 'VOL-2026', expectedVersion: 2, definition: amendment });

    // Act
    const second = await activateProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 3 });

    // Assert
    expect(second).toMatchObject({ name: 'Volume rebate 2026, amended', version: 4, draft: null });
    expect(second.active).toEqual({ ...amendment, version: 2, status: 'active' });
    const v1 = await getProgramVersion(deps, finance, { programId: 'VOL-2026', programVersion: 1 });
    const v2 = await getProgramVersion(deps, finance, { programId: 'VOL-2026', programVersion: 2 });
    expect(v1.program).toEqual(first.active);
    expect(v1.version).toBe(1);
    expect(v2).toMatchObject({ program: second.active, draftedBy: 'u-admin', activatedBy: 'u-appr' });
    expect(await programsInForce(deps)).toEqual([second.active]);
  });

  it('refuses a stale expected version and leaves no version record behind', async () => {
    // Arrange: a second approver read the program before the manager's revision
    const deps = programDeps();
    await createProgram(deps, channelManager, programDefinition());
    await reviseProgram(deps, channelManager, {
      programId: 'VOL-2026',
      expectedVersion: 1,
      definition: programDefinition({ name: 'Second draft' }),
    });

    // Act
    const stale = activateProgram(deps, secondApprover, { programId: 'VOL-2026', expectedVersion: 1 });

    // Assert
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    expect(deps.programVersions.records.size).toBe(0);
    await activateProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 2 });
    const version = await getProgramVersion(deps, finance, { programId: 'VOL-2026', programVersion: 1 });
    expect(version).toMatchObject({ activatedBy: 'u-appr', program: { name: 'Second draft' } });
  });

  it('replaces a version record left by an activation whose program update lost the race', async () => {
    // Arrange: the manager revises the draft between the approver's version write and program update
    const programs = new RacingProgramStore();
    const deps = { ...programDeps(), programs };
    await createProgram(deps, channelManager, programDefinition({ name: 'First draft' }));
    const revised = programDefinition({ name: 'Revised draft' });
    programs.beforeNextReplace(() =>
      reviseProgram(deps, channelManager, { programId: 'VOL-2026', expectedVersion: 1, definition: revised }),
    );
    await expect(
      activateProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    const leftOver = await deps.programVersions.get({ programId: 'VOL-2026', programVersion: 1 });
    expect(leftOver?.program.name).toBe('First draft');

    // Act
    const activated = await activateProgram(deps, secondApprover, {
      programId: 'VOL-2026',
      expectedVersion: 2,
    });

    // Assert: version 1 is what is in force, not what lost the race
    const version = await getProgramVersion(deps, finance, { programId: 'VOL-2026', programVersion: 1 });
    expect(activated.active).toMatchObject({ version: 1, name: 'Revised draft' });
    expect(version).toMatchObject({ program: activated.active, activatedBy: 'u-appr-2', version: 2 });
  });

  it('refuses to overwrite a version record claimed by an activation that read a later program state', async () => {
    // Arrange: approver B read the program after a revision and wrote version 1 from it; A read before
    const deps = programDeps();
    await createProgram(deps, channelManager, programDefinition({ name: 'Draft A saw' }));
    const claimed = {
      programId: 'VOL-2026',
      programVersion: 1,
      program: rebateProgramSchema.parse({
        ...programDefinition({ name: 'Draft B saw' }),
        version: 1,
        status: 'active',
      }),
      draftedBy: 'u-cm',
      activatedBy: 'u-appr-2',
      activatedAt: '2026-03-01T00:00:00.000Z',
      activatedFrom: 2,
    };
    await deps.programVersions.create({ ...claimed, version: 1, createdAt: 'x', updatedAt: 'x' });

    // Act
    const late = activateProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 1 });

    // Assert
    await expect(late).rejects.toBeInstanceOf(VersionConflictError);
    expect(await deps.programVersions.get({ programId: 'VOL-2026', programVersion: 1 })).toMatchObject(
      claimed,
    );
  });

  it('keeps the version record a retried activation finds unchanged when it holds the same program', async () => {
    // Arrange: the program update fails after the version record was written (e.g. a timeout)
    const programs = new RacingProgramStore();
    const deps = { ...programDeps(), programs };
    await createProgram(deps, channelManager, programDefinition());
    await interruptedActivation(deps, 'VOL-2026');
    const written = await deps.programVersions.get({ programId: 'VOL-2026', programVersion: 1 });

    // Act
    const activated = await activateProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 1 });

    // Assert
    expect(activated.active?.version).toBe(1);
    expect(await deps.programVersions.get({ programId: 'VOL-2026', programVersion: 1 })).toEqual(written);
    expect(written?.version).toBe(1);
  });

  it('puts in force the date its first attempt recorded when a lump sum activation is retried the next day', async () => {
    // Arrange: the program update fails just before midnight, after the version record was written
    let now = '2026-04-30T23:59:00.000Z';
    const programs = new RacingProgramStore();
    const deps = { ...programDeps(), programs, clock: () => new Date(now) };
    await createProgram(deps, channelManager, lumpSumDefinition());
    await interruptedActivation(deps, 'LUMP-2026');
    now = '2026-05-01T00:01:00.000Z';

    // Act
    const activated = await activateProgram(deps, approver, { programId: 'LUMP-2026', expectedVersion: 1 });

    // Assert: what runs read and what replays read agree on the day
    const version = await getProgramVersion(deps, finance, { programId: 'LUMP-2026', programVersion: 1 });
    expect(version.program.terms).toMatchObject({ accrueOn: '2026-04-30' });
    expect(activated.active).toEqual(version.program);
    expect(activated.activatedAt).toBe('2026-04-30T23:59:00.000Z');
  });

  it('counts activations: after n amendments the version in force is n + 1 and every version stays readable', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 5 }), async (amendments) => {
        // Arrange
        const { deps } = await activeProgram();
        let recordVersion = 2;

        // Act
        for (let amendment = 1; amendment <= amendments; amendment++) {
          const definition = programDefinition({ name: `Amendment ${amendment}` });
          await reviseProgram(deps, channelManager, {
            programId: 'VOL-2026',
            expectedVersion: recordVersion,
            definition,
          });
          recordVersion = (
            await activateProgram(deps, approver, {
              programId: 'VOL-2026',
              expectedVersion: recordVersion + 1,
            })
          ).version;
        }

        // Assert
        const current = await getProgram(deps, finance, 'VOL-2026');
        expect(current.active?.version).toBe(amendments + 1);
        for (let programVersion = 1; programVersion <= amendments + 1; programVersion++) {
          const version = await getProgramVersion(deps, finance, { programId: 'VOL-2026', programVersion });
          expect(version.program.name).toBe(
            programVersion === 1 ? 'Volume rebate 2026' : `Amendment ${programVersion - 1}`,
          );
          expect(version.version).toBe(1);
        }
      }),
      { numRuns: 20 },
    );
  });
});
