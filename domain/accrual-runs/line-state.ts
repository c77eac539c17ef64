import { fnv1a64 } from '../shared/fingerprint';

/** How often the stored sale lines of one partner's invoice month have changed (0: never written). */
export interface PartnerMonthChanges {
  readonly partnerId: string;
  readonly month: string;
  readonly changes: number;
}

/**
 * The state of a run's lines as the change counters tell it, order-free: equal states mean the same partners,
 * the same months and no line written or withdrawn in between (counters only grow, so a state never recurs).
 */
export function lineStateOf(counters: readonly PartnerMonthChanges[]): string {
  const entries = counters.map((entry) => `${entry.partnerId}\u0000${entry.month}\u0000${entry.changes}`);
  return fnv1a64(entries.sort().join('\n'));
}

/** Where a run's lines came from: read from the store, or the snapshot of an earlier run at the same state. */
export interface LineSource {
  readonly lineState: string;
  readonly reusedFromRunId: string | null;
  readonly monthsReused: readonly string[];
  readonly monthsRead: readonly string[];
}

/**
 * Whether a run may take `earlier`'s snapshot instead of reading lines: only a completed run (its snapshot is
 * whole and its results stood) whose lines were at exactly this state. Anything else reads.
 */
export function mayReuseLinesOf(
  earlier: { readonly status: string; readonly lineSource?: LineSource | undefined } | null,
  lineState: string,
): boolean {
  return earlier?.status === 'completed' && earlier.lineSource?.lineState === lineState;
}
