import { fnv1a64 } from '../shared/fingerprint';

/** One partner's invoice month (`yyyy-mm`): the unit a run reads or reuses lines of. */
export interface PartnerMonth {
  readonly partnerId: string;
  readonly month: string;
}

/** How often the stored sale lines of one partner's invoice month have changed (0: never written). */
export interface PartnerMonthChanges extends PartnerMonth {
  readonly changes: number;
}

/** A key for a partner-month in sets and maps (ids cannot hold control characters). */
export const partnerMonthKey = ({ partnerId, month }: PartnerMonth): string => `${partnerId}\u0000${month}`;

/** The partner-month a sale line is stored under: its partner and invoice month. */
export const partnerMonthOfLine = (line: {
  readonly partnerId: string;
  readonly invoiceDate: string;
}): PartnerMonth => ({ partnerId: line.partnerId, month: line.invoiceDate.slice(0, 7) });

/**
 * The state of a run's lines as the change counters tell it, order-free: equal states mean the same partners,
 * the same months and no line written or withdrawn in between (counters only grow, so a state never recurs).
 */
export function lineStateOf(counters: readonly PartnerMonthChanges[]): string {
  const entries = counters.map((entry) => `${entry.partnerId}\u0000${entry.month}\u0000${entry.changes}`);
  return fnv1a64(entries.sort().join('\n'));
}

/**
 * Where a run's lines came from: read from the store, or (partner-month by partner-month) taken from the
 * snapshot of an earlier run whose counter for that partner-month was the same.
 */
export interface LineSource {
  readonly lineState: string;
  readonly reusedFromRunId: string | null;
  /** Months of which at least one partner's lines came from the earlier run's snapshot. */
  readonly monthsReused: readonly string[];
  /** Months of which at least one partner's lines were read from the store. */
  readonly monthsRead: readonly string[];
  /** How many partner-months were taken from the earlier snapshot (absent on runs that reused whole states only). */
  readonly partnerMonthsReused?: number;
  /** How many partner-months were read from the store (absent likewise). */
  readonly partnerMonthsRead?: number;
  /**
   * The partner-months read although an earlier run was reused: changed since it, or not among its months
   * (empty when nothing was reused: then every partner-month was read).
   */
  readonly partnerMonthsReadAgain?: readonly PartnerMonth[];
}

/** An earlier run as far as reuse is concerned, with the counters it recorded (null: recorded as a hash only). */
export interface EarlierLineRead {
  readonly status: string;
  readonly lineSource?: LineSource | undefined;
  readonly counters: readonly PartnerMonthChanges[] | null;
}

/** Which partner-months a run reads from the store and which it takes from the earlier run's snapshot. */
export interface LineReadPlan {
  readonly read: readonly PartnerMonthChanges[];
  readonly reuse: readonly PartnerMonthChanges[];
}

/**
 * Splits the run's partner-months: one is reused only when the earlier run completed (its snapshot is whole
 * and its results stood), recorded its counters partner-month by partner-month (a run recorded with a hash
 * only is read in full), those counters are the ones its `lineState` was made of, and its counter of that
 * partner-month is the current one (counters only grow, and the store bumps before and after every change:
 * an equal counter means the lines the earlier run read are the lines there now). Anything else is read.
 */
export function planLineReads(
  current: readonly PartnerMonthChanges[],
  earlier: EarlierLineRead | null,
): LineReadPlan {
  const recorded =
    earlier?.status === 'completed' &&
    earlier.counters !== null &&
    earlier.lineSource?.lineState === lineStateOf(earlier.counters)
      ? new Map(earlier.counters.map((entry) => [partnerMonthKey(entry), entry.changes]))
      : new Map<string, number>();
  const read: PartnerMonthChanges[] = [];
  const reuse: PartnerMonthChanges[] = [];
  for (const entry of current) {
    (recorded.get(partnerMonthKey(entry)) === entry.changes ? reuse : read).push(entry);
  }
  return { read, reuse };
}

/** The months of some partner-months, distinct and in order. */
export const monthsOf = (partnerMonths: readonly PartnerMonth[]): string[] =>
  [...new Set(partnerMonths.map((entry) => entry.month))].sort();
