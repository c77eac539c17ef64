import type { ProgramDefinition, ProgramStatus, RebateProgram } from './program';

/**
 * A rebate program as it is managed: the version in force (`active`, what accrual runs read) and, beside
 * it, a pending `draft` (a new program, or an amendment of the active one) that takes effect only when an
 * approver activates it. Storage keeps its own record version for optimistic concurrency (the ETag); the
 * program version inside `active` counts activations.
 */
export interface ProgramRecord {
  readonly programId: string;
  readonly name: string;
  readonly status: ProgramStatus;
  readonly draft: ProgramDefinition | null;
  readonly draftedBy: string | null;
  readonly active: RebateProgram | null;
  readonly activatedBy: string | null;
  readonly activatedAt: string | null;
  readonly closedBy: string | null;
  readonly closedAt: string | null;
  readonly closeReason: string | null;
}

/** An activated program version, kept unchanged forever so that any run can be replayed with it. */
export interface ProgramVersionRecord {
  readonly programId: string;
  readonly programVersion: number;
  readonly program: RebateProgram;
  readonly draftedBy: string;
  readonly activatedBy: string;
  readonly activatedAt: string;
  /**
   * The program record version the activation read. Of two racing activations of one version, the one
   * that read the later record wins the version slot, so the slot always holds the terms put in force.
   */
  readonly activatedFrom: number;
}

/** A version is identified by its program and number. */
export type ProgramVersionId = Pick<ProgramVersionRecord, 'programId' | 'programVersion'>;
