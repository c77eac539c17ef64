import type { AccrualRunRecord, Measurement } from '../../../domain/accrual-runs/accrual-run';
import type { PartnerMonth, PartnerMonthChanges } from '../../../domain/accrual-runs/line-state';
import type {
  AccrualLedger,
  AccrualRunDeps,
  LedgerScope,
  RunLineSource,
  RunSnapshots,
  RunWorkflow,
} from '../../../domain/accrual-runs/ports';
import type { ProgramComputation } from '../../../domain/accrual-runs/program-computation';
import type { ChannelSaleLine } from '../../../domain/accrual-runs/run-lines';
import type { SaleLine } from '../../../domain/accruals/sale-line';
import { type AccountingPeriod, ClosedPeriodError } from '../../../domain/ledger/accounting-period';
import { type LedgerPosting, ledgerPostingSchema } from '../../../domain/ledger/ledger-posting';
import type { LedgerReader } from '../../../domain/ledger/ports';
import { type LiabilitySummary, liabilitySummariesOf } from '../../../domain/reports/liability-summary';
import type { LiabilitySummaryReader } from '../../../domain/reports/ports';
import { VersionConflictError } from '../../../domain/shared/errors';
import { fnv1a64 } from '../../../domain/shared/fingerprint';
import type { EventPublisher } from '../../../domain/shared/ports';
import type { DomainEvent } from '../../../events/domain-event';
import { chunksOf } from '../../../functions/adapters/dynamo-accrual-ledger';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';
import { InMemorySalesSummaries } from '../../support/in-memory-sales-summaries';
import { programStores } from '../programs/builders';

/** A stored channel sale line with plausible defaults (March 2026, 100 × SKU-1 for 1,000 USD). */
export function channelLine(overrides: Partial<ChannelSaleLine> = {}): ChannelSaleLine {
  return {
    partnerId: 'P1',
    invoiceNumber: 'INV-1',
    invoiceLine: '1',
    invoiceDate: '2026-03-10',
    sku: 'SKU-1',
    category: 'CAT-A',
    quantity: '100',
    uom: 'EA',
    extendedAmount: '1000.00',
    currency: 'USD',
    ...overrides,
  };
}

/** Stored sale lines by invoice month, as the channel-data store answers them; remembers what was read. */
export class InMemoryRunLineSource implements RunLineSource {
  readonly lines: ChannelSaleLine[] = [];
  readonly reads: { readonly month: string; readonly partnerId: string | undefined }[] = [];

  add(...lines: ChannelSaleLine[]): this {
    this.lines.push(...lines);
    return this;
  }

  async *salesInMonth(month: string, partnerId?: string): AsyncIterable<ChannelSaleLine> {
    this.reads.push({ month, partnerId });
    for (const line of this.lines) {
      if (
        line.invoiceDate.slice(0, 7) === month &&
        (partnerId === undefined || line.partnerId === partnerId)
      ) {
        yield line;
      }
    }
  }

  async *salesOf(partnerMonths: readonly PartnerMonth[]): AsyncIterable<ChannelSaleLine> {
    for (const { partnerId, month } of partnerMonths) yield* this.salesInMonth(month, partnerId);
  }

  /**
   * Every partner with lines × each month: a digest of the partner-month's lines stands in for the store's
   * counter, so any change to `lines` (tests restate by assigning into it) moves it as the store's bump does;
   * 0 for a partner-month without lines, as the store's counter before its first write
   * (test/support/run-line-source-contract.ts).
   */
  async lineChanges(months: readonly string[]): Promise<PartnerMonthChanges[]> {
    const partnerIds = [...new Set(this.lines.map((line) => line.partnerId))];
    return partnerIds.flatMap((partnerId) =>
      months.map((month) => {
        const lines = this.lines.filter(
          (line) => line.partnerId === partnerId && line.invoiceDate.slice(0, 7) === month,
        );
        const digest = Number.parseInt(fnv1a64(JSON.stringify(lines)).slice(0, 12), 16);
        return { partnerId, month, changes: lines.length === 0 ? 0 : digest };
      }),
    );
  }
}

/**
 * Run snapshots in a Map, with the adapter's contract (test/support/run-snapshots-contract.ts); `tamper`
 * changes a stored snapshot behind the run's back.
 */
export class InMemoryRunSnapshots implements RunSnapshots {
  readonly snapshots = new Map<string, SaleLine[]>();
  /** Program results by `<runId>/<programId>`. */
  readonly computed = new Map<string, ProgramComputation>();

  async write(runId: string, lines: readonly SaleLine[]): Promise<void> {
    this.snapshots.set(runId, structuredClone([...lines]));
  }

  async read(runId: string): Promise<SaleLine[]> {
    const lines = this.snapshots.get(runId);
    // As S3 answers NoSuchKey: a run without a snapshot is never read as a run of no lines.
    if (lines === undefined) throw new Error(`no snapshot of run ${runId}`);
    return structuredClone(lines);
  }

  async writeComputed(runId: string, computations: readonly ProgramComputation[]): Promise<void> {
    for (const computation of computations) {
      this.computed.set(`${runId}/${computation.programId}`, structuredClone(computation));
    }
  }

  async readComputed(runId: string, programId: string): Promise<ProgramComputation | null> {
    return structuredClone(this.computed.get(`${runId}/${programId}`) ?? null);
  }

  readonly lineCounters = new Map<string, PartnerMonthChanges[]>();
  lastCompleted: string | null = null;

  async writeLineCounters(runId: string, counters: readonly PartnerMonthChanges[]): Promise<void> {
    this.lineCounters.set(runId, structuredClone([...counters]));
  }

  async readLineCounters(runId: string): Promise<PartnerMonthChanges[] | null> {
    return structuredClone(this.lineCounters.get(runId) ?? null);
  }

  async lastCompletedRun(): Promise<string | null> {
    return this.lastCompleted;
  }

  async rememberCompletedRun(runId: string): Promise<void> {
    this.lastCompleted = runId;
  }

  tamper(runId: string, change: (lines: SaleLine[]) => SaleLine[]): void {
    this.snapshots.set(runId, change(this.snapshots.get(runId) ?? []));
  }
}

/** Another writer appending to the scope `(programId, period)` just before the caller's append. */
export type ConcurrentWriter = (programId: string, period: string) => Promise<void>;

/** Accounting months in memory, listed in month order as the table lists them. */
export function accountingPeriodStore() {
  return new InMemoryRecordStore<AccountingPeriod>((period) => period.month);
}

/**
 * The ledger in memory, one scope per program period, keeping the adapter's contract
 * (test/support/accrual-ledger-contract.ts): postings are validated and committed in the adapter's
 * transactions, `append` fails with VersionConflictError when the scope's sequence moved from
 * `expectedSequence` or a posting id already exists, and with ClosedPeriodError when a posting is dated into
 * a month closed in `accountingPeriods`. `simulateConcurrentAppend` lets another writer in before an append.
 */
export class InMemoryAccrualLedger implements AccrualLedger, LedgerReader, LiabilitySummaryReader {
  private readonly scopes = new Map<
    string,
    { sequence: number; postings: LedgerPosting[]; measured: Measurement | null }
  >();
  private readonly concurrentWriters: ConcurrentWriter[] = [];
  appendCalls = 0;
  conflicts = 0;

  constructor(private readonly accountingPeriods = accountingPeriodStore()) {}

  /** Postings already in the ledger (e.g. written before the test), appended at the next sequence. */
  seed(...postings: LedgerPosting[]): this {
    for (const posting of postings) {
      const scope = this.scopeOf(posting.programId, posting.period);
      scope.postings.push(ledgerPostingSchema.parse(posting));
      scope.sequence++;
    }
    return this;
  }

  /**
   * The next `times` appends each find that another writer appended first: `writer` runs (by default it only
   * advances the sequence, as an append of other postings would), then the append is checked as usual.
   */
  simulateConcurrentAppend(writer?: ConcurrentWriter, times = 1): void {
    const advance: ConcurrentWriter = async (programId, period) => {
      this.scopeOf(programId, period).sequence++;
    };
    for (let index = 0; index < times; index++) this.concurrentWriters.push(writer ?? advance);
  }

  async scope(programId: string, period: string): Promise<LedgerScope> {
    const scope = this.scopeOf(programId, period);
    return { sequence: scope.sequence, postings: [...scope.postings], measured: scope.measured };
  }

  async measured(programId: string, period: string): Promise<Measurement | null> {
    return this.scopeOf(programId, period).measured;
  }

  async append(
    programId: string,
    period: string,
    expectedSequence: number,
    postings: readonly LedgerPosting[],
    measured?: Measurement,
  ): Promise<void> {
    this.appendCalls++;
    const writer = this.concurrentWriters.shift();
    if (writer !== undefined) await writer(programId, period);
    // Transaction by transaction, as DynamoDB commits it: a failure leaves the earlier ones applied.
    const scope = this.scopeOf(programId, period);
    const chunks = chunksOf(postings);
    for (const [index, chunk] of chunks.entries()) {
      if (chunk.month !== null && (await this.accountingPeriods.get(chunk.month))?.status === 'closed')
        throw new ClosedPeriodError(chunk.month);
      const ids = new Set(scope.postings.map((posting) => posting.postingId));
      if (
        scope.sequence !== expectedSequence + index ||
        chunk.postings.some((posting) => ids.has(posting.postingId))
      ) {
        this.conflicts++;
        throw new VersionConflictError(`the ledger of ${programId} ${period} changed`, undefined);
      }
      scope.postings.push(...chunk.postings.map((posting) => ledgerPostingSchema.parse(posting)));
      scope.sequence++;
      if (measured !== undefined && index === chunks.length - 1) scope.measured = measured;
    }
  }

  async postIndependent(posting: LedgerPosting): Promise<void> {
    const month = posting.postedOn.slice(0, 7);
    const closed = (await this.accountingPeriods.get(month))?.status === 'closed';
    // Checked and written in one turn after the read, as the adapter's transaction does.
    const scope = this.scopeOf(posting.programId, posting.period);
    if (scope.postings.some((each) => each.postingId === posting.postingId)) return;
    if (closed) throw new ClosedPeriodError(month);
    scope.postings.push(ledgerPostingSchema.parse(posting));
  }

  async postingsOfRun(runId: string): Promise<LedgerPosting[]> {
    return this.all().filter((posting) => 'runId' in posting && posting.runId === runId);
  }

  async checkbookPostings(partnerId: string, programId?: string): Promise<LedgerPosting[]> {
    return this.all().filter(
      (posting) =>
        posting.beneficiaryPartnerId === partnerId &&
        (programId === undefined || posting.programId === programId),
    );
  }

  /** The summaries of the postings held, as the table's are the sums of the postings written. */
  async liabilitySummaries(scope: {
    readonly partnerId?: string | undefined;
    readonly programId?: string | undefined;
  }): Promise<LiabilitySummary[]> {
    return liabilitySummariesOf(
      this.all().filter(
        (posting) =>
          (scope.partnerId === undefined || posting.beneficiaryPartnerId === scope.partnerId) &&
          (scope.programId === undefined || posting.programId === scope.programId),
      ),
    );
  }

  async postingsOfMonth(month: string): Promise<LedgerPosting[]> {
    return this.all().filter((posting) => posting.postedOn.slice(0, 7) === month);
  }

  /** Every posting, in the order appended per scope. */
  all(): LedgerPosting[] {
    return [...this.scopes.values()].flatMap((scope) => scope.postings);
  }

  private scopeOf(programId: string, period: string) {
    const key = `${programId}\u001f${period}`;
    let scope = this.scopes.get(key);
    if (scope === undefined) {
      scope = { sequence: 0, postings: [], measured: null };
      this.scopes.set(key, scope);
    }
    return scope;
  }
}

/** Remembers which runs were started. */
export class RecordingRunWorkflow implements RunWorkflow {
  readonly started: string[] = [];

  async start(runId: string): Promise<void> {
    this.started.push(runId);
  }
}

/** Remembers what was published. */
export class RecordingEventPublisher implements EventPublisher {
  readonly events: DomainEvent[] = [];

  async publish(event: DomainEvent): Promise<void> {
    this.events.push(event);
  }
}

/** Every port of an accrual run, in memory; run ids come out as `<yyyy-mm>-RUN<n>`. */
export function accrualRunDeps(clock = fixedClock('2026-04-01T06:00:00.000Z')) {
  let ids = 0;
  const accountingPeriods = accountingPeriodStore();
  return {
    ...programStores(),
    runs: new InMemoryRecordStore<AccrualRunRecord>((run) => run.runId),
    lines: new InMemoryRunLineSource(),
    snapshots: new InMemoryRunSnapshots(),
    salesSummaries: new InMemorySalesSummaries(),
    ledger: new InMemoryAccrualLedger(accountingPeriods),
    accountingPeriods,
    workflow: new RecordingRunWorkflow(),
    events: new RecordingEventPublisher(),
    clock,
    newId: () => `RUN${++ids}`,
  } satisfies AccrualRunDeps;
}

export type FakeAccrualRunDeps = ReturnType<typeof accrualRunDeps>;
