import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/actor';
import type { Stored } from '../../../domain/master-data/ports';
import { rebateProgramSchema } from '../../../domain/programs/program';
import {
  activateProgram,
  closeProgram,
  createProgram,
  getProgram,
  getProgramVersion,
  listPrograms,
  type ProgramDeps,
  programsInForce,
  reviseProgram,
} from '../../../domain/programs/program-lifecycle';
import type { ProgramRecord } from '../../../domain/programs/program-record';
import {
  AlreadyExistsError,
  BusinessRuleError,
  ForbiddenError,
  NotFoundError,
  VersionConflictError,
} from '../../../domain/shared/errors';
import { admin, approver, channelManager, finance, partnerUser } from '../../support/actors';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';
import { programDefinition, programDeps } from './builders';

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

/** A program drafted by the channel manager and activated by the approver: record version 2, program v1. */
async function activeProgram(deps = programDeps(), overrides: Parameters<typeof programDefinition>[0] = {}) {
  const definition = programDefinition(overrides);
  await createProgram(deps, channelManager, definition);
  const activated = await activateProgram(deps, approver, {
    programId: definition.programId,
    expectedVersion: 1,
  });
  return { deps, definition, activated };
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

describe('createProgram', () => {
  it('drafts a program at record version 1; nothing is in force yet', async () => {
    // Arrange
    const deps = programDeps();
    const definition = programDefinition();

    // Act
    const created = await createProgram(deps, channelManager, definition);

    // Assert
    expect(created).toMatchObject({
      programId: 'VOL-2026',
      name: 'Volume rebate 2026',
      status: 'draft',
      draft: definition,
      draftedBy: 'u-cm',
      active: null,
      activatedBy: null,
      version: 1,
      createdAt: '2026-03-01T12:00:00.000Z',
    });
    expect(await deps.programs.get('VOL-2026')).toEqual(created);
    expect(await programsInForce(deps)).toEqual([]);
  });

  it.each([
    ['finance', finance],
    ['approver', approver],
    ['partner', partnerUser('DIST-1')],
  ])('refuses the %s role with ForbiddenError', async (_role, actor) => {
    const deps = programDeps();
    await expect(createProgram(deps, actor, programDefinition())).rejects.toBeInstanceOf(ForbiddenError);
    expect(deps.programs.records.size).toBe(0);
  });

  it('refuses a program id already taken', async () => {
    const deps = programDeps();
    await createProgram(deps, channelManager, programDefinition());
    await expect(createProgram(deps, admin, programDefinition())).rejects.toBeInstanceOf(AlreadyExistsError);
  });
});

describe('reviseProgram', () => {
  it('replaces the draft of a program that never went live, name and currency included', async () => {
    // Arrange
    const deps = programDeps();
    await createProgram(deps, channelManager, programDefinition());
    const definition = programDefinition({ name: 'Renamed rebate', currency: 'EUR' });

    // Act
    const revised = await reviseProgram(deps, admin, {
      programId: 'VOL-2026',
      expectedVersion: 1,
      definition,
    });

    // Assert
    expect(revised).toMatchObject({
      status: 'draft',
      name: 'Renamed rebate',
      draft: definition,
      draftedBy: 'u-admin',
      version: 2,
    });
  });

  it.each([
    ['finance', finance],
    ['approver', approver],
    ['partner', partnerUser('DIST-1')],
  ])('refuses the %s role with ForbiddenError', async (_role, actor) => {
    const deps = programDeps();
    await createProgram(deps, channelManager, programDefinition());
    await expect(
      reviseProgram(deps, actor, {
        programId: 'VOL-2026',
        expectedVersion: 1,
        definition: programDefinition(),
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a definition whose program id differs from the one addressed, naming the field', async () => {
    // Arrange
    const deps = programDeps();
    await createProgram(deps, channelManager, programDefinition());

    // Act
    const error = await reviseProgram(deps, channelManager, {
      programId: 'VOL-2026',
      expectedVersion: 1,
      definition: programDefinition({ programId: 'OTHER' }),
    }).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect((error as BusinessRuleError).issues).toEqual([
      { path: 'programId', message: "must be 'VOL-2026'" },
    ]);
    expect((await deps.programs.get('VOL-2026'))?.version).toBe(1);
    expect(await deps.programs.get('OTHER')).toBeUndefined();
  });

  it('refuses a stale expected version', async () => {
    const deps = programDeps();
    await createProgram(deps, channelManager, programDefinition());
    const definition = programDefinition({ name: 'Second draft' });
    await reviseProgram(deps, channelManager, { programId: 'VOL-2026', expectedVersion: 1, definition });

    await expect(
      reviseProgram(deps, channelManager, { programId: 'VOL-2026', expectedVersion: 1, definition }),
    ).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('answers NotFoundError for a program that does not exist', async () => {
    await expect(
      reviseProgram(programDeps(), channelManager, {
        programId: 'VOL-2026',
        expectedVersion: 1,
        definition: programDefinition(),
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('amends an active program beside the version in force, which keeps its name until activation', async () => {
    // Arrange
    const { deps, definition } = await activeProgram();
    const amendment = programDefinition({ name: 'Volume rebate 2026, amended' });

    // Act
    const amended = await reviseProgram(deps, channelManager, {
      programId: 'VOL-2026',
      expectedVersion: 2,
      definition: amendment,
    });

    // Assert
    expect(amended).toMatchObject({ status: 'active', name: definition.name, draft: amendment, version: 3 });
    expect(amended.active).toMatchObject({ version: 1, name: definition.name });
    expect(await programsInForce(deps)).toEqual([amended.active]);
  });

  it('refuses to change the currency of an active program', async () => {
    // Arrange
    const { deps } = await activeProgram();

    // Act
    const error = await reviseProgram(deps, channelManager, {
      programId: 'VOL-2026',
      expectedVersion: 2,
      definition: programDefinition({ currency: 'EUR' }),
    }).catch((e: unknown) => e);

    // Assert
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect((error as BusinessRuleError).issues).toEqual([{ path: 'currency', message: 'must stay USD' }]);
    expect((await deps.programs.get('VOL-2026'))?.version).toBe(2);
  });

  it('refuses to revise a closed program', async () => {
    const { deps } = await activeProgram();
    await closeProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 2, reason: 'ended' });

    await expect(
      reviseProgram(deps, channelManager, {
        programId: 'VOL-2026',
        expectedVersion: 3,
        definition: programDefinition(),
      }),
    ).rejects.toThrow(BusinessRuleError);
  });
});

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
    const leftOver = await deps.programVersions.get('VOL-2026/1');
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
    expect(await deps.programVersions.get('VOL-2026/1')).toMatchObject(claimed);
  });

  it('keeps the version record a retried activation finds unchanged when it holds the same program', async () => {
    // Arrange: the program update fails after the version record was written (e.g. a timeout)
    const programs = new RacingProgramStore();
    const deps = { ...programDeps(), programs };
    await createProgram(deps, channelManager, programDefinition());
    await interruptedActivation(deps, 'VOL-2026');
    const written = await deps.programVersions.get('VOL-2026/1');

    // Act
    const activated = await activateProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 1 });

    // Assert
    expect(activated.active?.version).toBe(1);
    expect(await deps.programVersions.get('VOL-2026/1')).toEqual(written);
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

describe('closeProgram', () => {
  it('closes an active program: the version stays on record, marked closed, and stops being in force', async () => {
    // Arrange
    const { deps, activated } = await activeProgram(programDeps(fixedClock('2026-04-01T00:00:00.000Z')));

    // Act
    const closed = await closeProgram(deps, admin, {
      programId: 'VOL-2026',
      expectedVersion: 2,
      reason: 'replaced by VOL-2027',
    });

    // Assert
    expect(closed).toMatchObject({
      status: 'closed',
      closedBy: 'u-admin',
      closedAt: '2026-04-01T00:00:00.000Z',
      closeReason: 'replaced by VOL-2027',
      activatedBy: 'u-appr',
      version: 3,
    });
    expect(closed.active).toEqual({ ...activated.active, status: 'closed' });
    expect(await programsInForce(deps)).toEqual([]);
    const version = await getProgramVersion(deps, finance, { programId: 'VOL-2026', programVersion: 1 });
    expect(version.program.status).toBe('active');
  });

  it('closes a draft that never went live', async () => {
    const deps = programDeps();
    await createProgram(deps, channelManager, programDefinition());

    const closed = await closeProgram(deps, approver, {
      programId: 'VOL-2026',
      expectedVersion: 1,
      reason: 'dropped',
    });

    expect(closed).toMatchObject({ status: 'closed', active: null, closeReason: 'dropped' });
  });

  it('refuses roles other than approver and admin, a stale version, and closing twice', async () => {
    const { deps } = await activeProgram();
    await expect(
      closeProgram(deps, channelManager, { programId: 'VOL-2026', expectedVersion: 2, reason: 'x' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      closeProgram(deps, finance, { programId: 'VOL-2026', expectedVersion: 2, reason: 'x' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      closeProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 1, reason: 'x' }),
    ).rejects.toBeInstanceOf(VersionConflictError);
    await closeProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 2, reason: 'x' });
    await expect(
      closeProgram(deps, approver, { programId: 'VOL-2026', expectedVersion: 3, reason: 'x' }),
    ).rejects.toThrow(/already closed/);
  });
});

describe('reading programs', () => {
  it('lets staff read programs and versions, and refuses partners with ForbiddenError', async () => {
    const { deps } = await activeProgram();
    for (const actor of [channelManager, approver, finance, admin]) {
      expect((await getProgram(deps, actor, 'VOL-2026')).programId).toBe('VOL-2026');
    }
    const partner = partnerUser('DIST-1');
    await expect(getProgram(deps, partner, 'VOL-2026')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      getProgramVersion(deps, partner, { programId: 'VOL-2026', programVersion: 1 }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listPrograms(deps, partner, { limit: 10 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('answers NotFoundError for an unknown program or version', async () => {
    const { deps } = await activeProgram();
    await expect(getProgram(deps, finance, 'NOPE')).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      getProgramVersion(deps, finance, { programId: 'VOL-2026', programVersion: 2 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists programs, optionally of one status', async () => {
    const { deps } = await activeProgram();
    await createProgram(deps, channelManager, programDefinition({ programId: 'DRAFT-1' }));

    const all = await listPrograms(deps, finance, { limit: 10 });
    const drafts = await listPrograms(deps, finance, { limit: 10, group: 'draft' });

    expect(all.items.map((program) => program.programId)).toEqual(['DRAFT-1', 'VOL-2026']);
    expect(drafts.items.map((program) => program.programId)).toEqual(['DRAFT-1']);
  });
});

describe('programsInForce', () => {
  it('returns the active version of active programs only: no drafts, no amendments, no closed programs', async () => {
    // Arrange
    const deps = programDeps();
    await createProgram(deps, channelManager, programDefinition({ programId: 'DRAFT-ONLY' }));
    const { activated: amendedOne } = await activeProgram(deps, { programId: 'AMENDED' });
    await reviseProgram(deps, channelManager, {
      programId: 'AMENDED',
      expectedVersion: 2,
      definition: programDefinition({ programId: 'AMENDED', name: 'Pending amendment' }),
    });
    await activeProgram(deps, { programId: 'CLOSED' });
    await closeProgram(deps, approver, { programId: 'CLOSED', expectedVersion: 2, reason: 'over' });
    const { activated: plain } = await activeProgram(deps, { programId: 'PLAIN' });

    // Act
    const inForce = await programsInForce(deps);

    // Assert
    expect(inForce).toEqual([amendedOne.active, plain.active]);
    expect(inForce.every((program) => program.status === 'active')).toBe(true);
  });

  it('reads every page of active programs', async () => {
    const deps = programDeps();
    for (let index = 0; index < 205; index++) {
      await activeProgram(deps, { programId: `PRG-${String(index).padStart(3, '0')}` });
    }

    const inForce = await programsInForce(deps);

    expect(inForce).toHaveLength(205);
    expect(new Set(inForce.map((program) => program.programId)).size).toBe(205);
  });
});
