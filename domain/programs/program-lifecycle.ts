import type { Actor, Role } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole } from '../access/policies';
import { getCatalogRecord, listCatalogRecords, staffReadCatalog } from '../master-data/catalog-use-cases';
import { BusinessRuleError, VersionConflictError } from '../shared/errors';
import type { Clock, Page, PageRequest, RecordStore, Stored } from '../shared/ports';
import { createVersioned, getVersioned, recordData, replaceVersioned } from '../shared/versioned-record';
import { type ProgramDefinition, type RebateProgram, rebateProgramSchema } from './program';
import type { ProgramRecord, ProgramVersionId, ProgramVersionRecord } from './program-record';
import { termsInForce } from './program-terms';

export interface ProgramDeps {
  readonly programs: RecordStore<ProgramRecord>;
  readonly programVersions: RecordStore<ProgramVersionRecord, ProgramVersionId>;
  readonly clock: Clock;
}

/** Who drafts and amends programs, and who may put a draft in force or close a program. */
const programEditors: readonly Role[] = ['channel_manager', 'admin'];
const programApprovers: readonly Role[] = ['approver', 'admin'];

const programCatalog = (deps: ProgramDeps) => staffReadCatalog('Program', deps.programs, deps.clock);

/** Drafts a new program (status `draft`); nothing accrues until an approver activates it. */
export async function createProgram(
  deps: ProgramDeps,
  actor: Actor,
  definition: ProgramDefinition,
): Promise<Stored<ProgramRecord>> {
  requireRole(actor, programEditors);
  return createVersioned(deps.programs, deps.clock, {
    programId: definition.programId,
    name: definition.name,
    status: 'draft',
    draft: definition,
    draftedBy: actor.userId,
    active: null,
    activatedBy: null,
    activatedAt: null,
    closedBy: null,
    closedAt: null,
    closeReason: null,
  });
}

/**
 * Replaces the pending draft: of a draft program, or an amendment of an active one (the active version keeps
 * accruing until the amendment is activated). A closed program cannot change.
 */
export async function reviseProgram(
  deps: ProgramDeps,
  actor: Actor,
  input: {
    readonly programId: string;
    readonly expectedVersion: number;
    readonly definition: ProgramDefinition;
  },
): Promise<Stored<ProgramRecord>> {
  requireRole(actor, programEditors);
  if (input.definition.programId !== input.programId) {
    throw new BusinessRuleError('the program id cannot change', [
      { path: 'programId', message: `must be '${input.programId}'` },
    ]);
  }
  const current = await getVersioned(deps.programs, input.programId, 'Program');
  if (current.status === 'closed') throw new BusinessRuleError(`program '${input.programId}' is closed`);
  if (current.active !== null && current.active.currency !== input.definition.currency) {
    // Posted accruals are in the active currency; a new currency is a new program.
    throw new BusinessRuleError('an active program cannot change currency', [
      { path: 'currency', message: `must stay ${current.active.currency}` },
    ]);
  }
  return replaceVersioned(deps.programs, deps.clock, current, input.expectedVersion, {
    ...recordData(current),
    name: current.active?.name ?? input.definition.name,
    draft: input.definition,
    draftedBy: actor.userId,
  });
}

/**
 * Puts the pending draft in force as the next program version. Main course: an approver who did not write
 * the draft (segregation of duties) → the immutable version record is written first, so a retried
 * activation finds it and a replay can always read it → the program record points at it.
 */
export async function activateProgram(
  deps: ProgramDeps,
  actor: Actor,
  input: { readonly programId: string; readonly expectedVersion: number },
): Promise<Stored<ProgramRecord>> {
  requireRole(actor, programApprovers);
  const current = await getVersioned(deps.programs, input.programId, 'Program');
  // Checked before the version record is written: a stale request must leave nothing that a later
  // activation of the same draft would keep (it would name an approver whose activation was refused).
  if (current.version !== input.expectedVersion) {
    throw new VersionConflictError(
      `Version ${input.expectedVersion} is stale; the record is at version ${current.version}`,
      current.version,
    );
  }
  if (current.status === 'closed') throw new BusinessRuleError(`program '${input.programId}' is closed`);
  if (current.draft === null || current.draftedBy === null) {
    throw new BusinessRuleError(`program '${input.programId}' has no draft to activate`);
  }
  if (current.draftedBy === actor.userId) {
    throw new BusinessRuleError('the author of a draft cannot activate it; another approver must');
  }
  const programVersion = (current.active?.version ?? 0) + 1;
  const activatedAt = deps.clock().toISOString();
  const program: RebateProgram = rebateProgramSchema.parse({
    ...current.draft,
    // The UTC day of activation is written into the version, so a replay reads it instead of a clock. An
    // amendment keeps the day of the version in force: moving it would accrue the lump sum a second time.
    terms: termsInForce(
      current.draft.terms,
      current.active?.terms.kind === 'lumpSum' ? current.active.terms.accrueOn : activatedAt.slice(0, 10),
    ),
    version: programVersion,
    status: 'active',
  });
  const version: ProgramVersionRecord = {
    programId: input.programId,
    programVersion,
    program,
    draftedBy: current.draftedBy,
    activatedBy: actor.userId,
    activatedAt,
    activatedFrom: current.version,
  };
  const existing = await deps.programVersions.get({ programId: input.programId, programVersion });
  let inForce = version;
  if (existing === undefined) await createVersioned(deps.programVersions, deps.clock, version);
  else if (existing.activatedFrom > current.version) {
    // An activation that read a later state of the program claimed this version first.
    throw new VersionConflictError(
      `program '${input.programId}' changed while it was being activated`,
      undefined,
    );
  } else if (existing.activatedFrom < current.version) {
    // Left by an activation whose program update lost a race: it never took effect, so it is replaced.
    await replaceVersioned(deps.programVersions, deps.clock, existing, existing.version, version);
  } else {
    // A retry of this very activation: the record it wrote is what is in force, down to the day a lump
    // sum without a date accrues, even when the retry comes on a later day.
    inForce = existing;
  }
  return replaceVersioned(deps.programs, deps.clock, current, input.expectedVersion, {
    ...recordData(current),
    name: inForce.program.name,
    status: 'active',
    draft: null,
    draftedBy: null,
    active: inForce.program,
    activatedBy: inForce.activatedBy,
    activatedAt: inForce.activatedAt,
  });
}

/**
 * Closes a program: later runs stop accruing it, and what it already posted stays posted (runs only true up
 * the programs they compute). A draft that never went live is closed the same way.
 */
export async function closeProgram(
  deps: ProgramDeps,
  actor: Actor,
  input: { readonly programId: string; readonly expectedVersion: number; readonly reason: string },
): Promise<Stored<ProgramRecord>> {
  requireRole(actor, programApprovers);
  const current = await getVersioned(deps.programs, input.programId, 'Program');
  if (current.status === 'closed')
    throw new BusinessRuleError(`program '${input.programId}' is already closed`);
  return replaceVersioned(deps.programs, deps.clock, current, input.expectedVersion, {
    ...recordData(current),
    status: 'closed',
    active: current.active === null ? null : { ...current.active, status: 'closed' },
    closedBy: actor.userId,
    closedAt: deps.clock().toISOString(),
    closeReason: input.reason,
  });
}

/** Reads one program (staff only: terms and rates are the manufacturer's). */
export function getProgram(
  deps: ProgramDeps,
  actor: Actor,
  programId: string,
): Promise<Stored<ProgramRecord>> {
  return getCatalogRecord(programCatalog(deps), actor, programId);
}

/** Reads one activated version, as a replay uses it. */
export async function getProgramVersion(
  deps: ProgramDeps,
  actor: Actor,
  input: { readonly programId: string; readonly programVersion: number },
): Promise<Stored<ProgramVersionRecord>> {
  requireRole(actor, internalRoles);
  return getVersioned(
    deps.programVersions,
    { programId: input.programId, programVersion: input.programVersion },
    'Program version',
  );
}

/** Lists programs, optionally of one status. */
export function listPrograms(
  deps: ProgramDeps,
  actor: Actor,
  request: PageRequest,
): Promise<Page<Stored<ProgramRecord>>> {
  return listCatalogRecords(programCatalog(deps), actor, request);
}

/** Every program version in force, for an accrual run (no actor: the run is the system's). */
export async function programsInForce(deps: Pick<ProgramDeps, 'programs'>): Promise<RebateProgram[]> {
  const programs: RebateProgram[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.programs.list({ limit: 100, cursor, group: 'active' });
    for (const record of page.items) if (record.active !== null) programs.push(record.active);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return programs;
}
