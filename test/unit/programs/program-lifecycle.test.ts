import { describe, expect, it } from 'vitest';
import {
  closeProgram,
  createProgram,
  getProgram,
  getProgramVersion,
  listPrograms,
  programsInForce,
  reviseProgram,
} from '../../../domain/programs/program-lifecycle';
import {
  AlreadyExistsError,
  BusinessRuleError,
  ForbiddenError,
  NotFoundError,
  VersionConflictError,
} from '../../../domain/shared/errors';
import { admin, approver, channelManager, finance, partnerUser } from '../../support/actors';
import { fixedClock } from '../../support/in-memory-record-store';
import { activeProgram, programDefinition, programDeps } from './builders';

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
