import type { AccrualWorkspace } from '../accruals/engine/compute-accruals';
import type { SaleLine } from '../accruals/sale-line';
import type { AccountingPeriod } from '../ledger/accounting-period';
import type { LedgerPosting } from '../ledger/ledger-posting';
import type { ProgramRecord, ProgramVersionId, ProgramVersionRecord } from '../programs/program-record';
import type { SalesSummaryStore } from '../reports/ports';
import type { Clock, EventPublisher, Page, PageRequest, RecordStore } from '../shared/ports';
import type { AccrualRunRecord, Measurement } from './accrual-run';
import type { PartnerMonth, PartnerMonthChanges } from './line-state';
import type { NearTierAlert } from './near-tier';
import type { ProgramComputation } from './program-computation';
import type { ChannelSaleLine } from './run-lines';

/** The stored sale lines of one invoice month: every partner's, or one partner's. */
export interface RunLineSource {
  salesInMonth(month: string, partnerId?: string): AsyncIterable<ChannelSaleLine>;
  /** The stored sale lines of each partner-month given, in any order. */
  salesOf(partnerMonths: readonly PartnerMonth[]): AsyncIterable<ChannelSaleLine>;
  /**
   * The change counter of every partner × each month (0 where nothing was ever written), read consistently.
   * A run reads them before its lines: the store bumps a counter after each change is durable, so a change
   * is either in the lines read or shows up as a counter the run did not record.
   */
  lineChanges(months: readonly string[]): Promise<PartnerMonthChanges[]>;
}

/**
 * The lines a run read, kept so that the run can be replayed and any entry explained later, and beside
 * them each program's result as the prepare step computed it for the program's Map item to post.
 */
export interface RunSnapshots {
  write(runId: string, lines: readonly SaleLine[]): Promise<void>;
  read(runId: string): Promise<SaleLine[]>;
  writeComputed(runId: string, computations: readonly ProgramComputation[]): Promise<void>;
  /** Null when the run has none written for the program (prepared before results were written). */
  readComputed(runId: string, programId: string): Promise<ProgramComputation | null>;
  /** The change counters a run read before its lines, partner-month by partner-month (see `planLineReads`). */
  writeLineCounters(runId: string, counters: readonly PartnerMonthChanges[]): Promise<void>;
  /** Null for a run that recorded none (prepared before counters were kept per partner-month). */
  readLineCounters(runId: string): Promise<PartnerMonthChanges[] | null>;
  /** The run that completed last (as far as the store knows), whose lines the next run may reuse. */
  lastCompletedRun(): Promise<string | null>;
  rememberCompletedRun(runId: string): Promise<void>;
}

/** A program period's ledger: what is posted, a sequence that every append advances, how far it is measured. */
export interface LedgerScope {
  readonly sequence: number;
  readonly postings: readonly LedgerPosting[];
  readonly measured: Measurement | null;
}

/**
 * The accrual ledger, one partition per program period. `append` writes postings atomically with the
 * scope's sequence moving from `expectedSequence` (and its measurement set to `measured` when given); a
 * concurrent append makes it fail with VersionConflictError, and the caller recomputes from what is then
 * posted. A posting dated into a closed accounting month makes it fail with ClosedPeriodError, checked in
 * the same atomic write as the postings.
 */
export interface AccrualLedger {
  scope(programId: string, period: string): Promise<LedgerScope>;
  /** The scope's measurement alone, without reading its postings. */
  measured(programId: string, period: string): Promise<Measurement | null>;
  append(
    programId: string,
    period: string,
    expectedSequence: number,
    postings: readonly LedgerPosting[],
    measured?: Measurement,
  ): Promise<void>;
  postingsOfRun(runId: string): Promise<LedgerPosting[]>;
  /**
   * Writes one posting that no run computes from (a claim's), unless a posting with its id is there already:
   * without reading its scope or moving its sequence, so the settlements of many claims into one program
   * period never conflict with each other or with a run. Fails with ClosedPeriodError when the posting is
   * dated into a closed accounting month, checked in the same atomic write.
   */
  postIndependent(posting: LedgerPosting): Promise<void>;
}

/** Starts the run workflow (Step Functions), named by the run so a run starts once. */
export interface RunWorkflow {
  start(runId: string): Promise<void>;
}

export interface AccrualRunDeps {
  readonly runs: RecordStore<AccrualRunRecord>;
  readonly programs: RecordStore<ProgramRecord>;
  readonly programVersions: RecordStore<ProgramVersionRecord, ProgramVersionId>;
  readonly lines: RunLineSource;
  readonly snapshots: RunSnapshots;
  /** Where the run leaves each month's sales summed for reports. */
  readonly salesSummaries: SalesSummaryStore;
  readonly ledger: AccrualLedger;
  readonly accountingPeriods: RecordStore<AccountingPeriod>;
  readonly workflow: RunWorkflow;
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Buffers the engine may keep across runs (one per warm container); a run allocates its own without. */
  readonly workspace?: AccrualWorkspace;
}

/** A near-tier alert as kept for the channel managers: the latest per program, period and partner. */
export interface StoredNearTierAlert extends NearTierAlert {
  readonly flaggedAt: string;
  /** When the run that flagged it completed: a later run's alert replaces it, an earlier run's never does. */
  readonly runCompletedAt: string;
  /** When its PartnerNearTier event went out; null until then (a retried run publishes it then). */
  readonly publishedAt: string | null;
}

/**
 * The current near-tier alerts, one per program × period × partner. `save` replaces the partner's alert
 * with one of a run completed no earlier, or writes it anew (false when a later run's alert is there); it answers false when this run's alert is there and published
 * (a repeated delivery), so nothing is published twice for a run that completed its publishing.
 */
export interface NearTierAlertStore {
  save(alert: StoredNearTierAlert): Promise<boolean>;
  markPublished(alert: StoredNearTierAlert, publishedAt: string): Promise<void>;
  ofProgramPeriod(programId: string, period: string): Promise<StoredNearTierAlert[]>;
  remove(alert: Pick<NearTierAlert, 'programId' | 'period' | 'partnerId'>): Promise<void>;
  list(
    filter: { readonly programId?: string | undefined; readonly partnerId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<StoredNearTierAlert>>;
}
