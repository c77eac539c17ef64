import {
  type ProgramDefinition,
  type ProgramDefinitionInput,
  programDefinitionSchema,
} from '../../../domain/programs/program';
import { activateProgram, createProgram, type ProgramDeps } from '../../../domain/programs/program-lifecycle';
import type {
  ProgramRecord,
  ProgramVersionId,
  ProgramVersionRecord,
} from '../../../domain/programs/program-record';
import { approver, channelManager } from '../../support/actors';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';

type DefinitionInput = Partial<ProgramDefinitionInput>;

/**
 * A program as a manager drafts it, validated through the real schema: a monthly quantity rebate of $0.10 a
 * unit, $0.20 a unit from 1,000 units (retrospective). Tests override what they are about.
 */
export function programDefinition(overrides: DefinitionInput = {}): ProgramDefinition {
  return programDefinitionSchema.parse({
    programId: 'VOL-2026',
    name: 'Volume rebate 2026',
    currency: 'USD',
    periodGranularity: 'month',
    eligibility: { startDate: '2026-01-01' },
    terms: {
      kind: 'volume',
      basis: 'quantity',
      method: 'retrospective',
      rateType: 'amountPerUnit',
      tiers: [
        { from: '0', rate: '0.10' },
        { from: '1000', rate: '0.20' },
      ],
    },
    ...overrides,
  });
}

/** Program stores grouped by status, as the table lists programs (`<status>#<programId>`). */
export function programStores() {
  return {
    programs: new InMemoryRecordStore<ProgramRecord>(
      (program) => program.programId,
      (program) => program.status,
    ),
    programVersions: new InMemoryRecordStore<ProgramVersionRecord, ProgramVersionId>(
      (version) => ({ programId: version.programId, programVersion: version.programVersion }),
      (version) => version.programId,
    ),
  };
}

export function programDeps(clock = fixedClock()) {
  return { ...programStores(), clock };
}
/** A program drafted by the channel manager and activated by the approver: record version 2, program v1. */
export async function activeProgram(
  deps: ProgramDeps = programDeps(),
  overrides: Parameters<typeof programDefinition>[0] = {},
) {
  const definition = programDefinition(overrides);
  await createProgram(deps, channelManager, definition);
  const activated = await activateProgram(deps, approver, {
    programId: definition.programId,
    expectedVersion: 1,
  });
  return { deps, definition, activated };
}
