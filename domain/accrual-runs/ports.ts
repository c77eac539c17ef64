import type { AccrualWorkspace } from '../accruals/accrual-workspace';
import type { SaleLine } from '../accruals/sale-line';
import type { EventPublisher } from '../channel-files/ports';
import type { LedgerPosting } from '../ledger/ledger-posting';
import type { Clock, RecordStore } from '../master-data/ports';
import type { ProgramRecord, ProgramVersionRecord } from '../programs/program-record';
import type { AccrualRunRecord } from './accrual-run';
import type { ChannelSaleLine } from './run-lines';

/** The stored sale lines of one invoice month: every partner's, or one partner's. */
export interface RunLineSource {
  salesInMonth(month: string, partnerId?: string): AsyncIterable<ChannelSaleLine>;
}

/** The lines a run read, kept so that the run can be replayed and any entry explained later. */
export interface RunSnapshots {
  write(runId: string, lines: readonly SaleLine[]): Promise<void>;
  read(runId: string): Promise<SaleLine[]>;
}

/** A program period's ledger: what is posted, and a sequence that every append advances. */
export interface LedgerScope {
  readonly sequence: number;
  readonly postings: readonly LedgerPosting[];
}

/**
 * The accrual ledger, one partition per program period. `append` writes postings atomically with the
 * scope's sequence moving from `expectedSequence`; a concurrent append makes it fail with
 * VersionConflictError, and the caller recomputes from what is then posted.
 */
export interface AccrualLedger {
  scope(programId: string, period: string): Promise<LedgerScope>;
  append(
    programId: string,
    period: string,
    expectedSequence: number,
    postings: readonly LedgerPosting[],
  ): Promise<void>;
  postingsOfRun(runId: string): Promise<LedgerPosting[]>;
}

/** Starts the run workflow (Step Functions), named by the run so a run starts once. */
export interface RunWorkflow {
  start(runId: string): Promise<void>;
}

export interface AccrualRunDeps {
  readonly runs: RecordStore<AccrualRunRecord>;
  readonly programs: RecordStore<ProgramRecord>;
  readonly programVersions: RecordStore<ProgramVersionRecord>;
  readonly lines: RunLineSource;
  readonly snapshots: RunSnapshots;
  readonly ledger: AccrualLedger;
  readonly workflow: RunWorkflow;
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Buffers the engine may keep across runs (one per warm container); a run allocates its own without. */
  readonly workspace?: AccrualWorkspace;
}
