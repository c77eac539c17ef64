/**
 * The one-time upgrade that completes the read models kept on write (liability summaries, issue 15; the sales
 * shard directory, issue 10) for data written before they existed. What a legacy item needs is decided here;
 * the scan and the writes are the adapter's.
 */

/** What a partner-month's line change counter says about its sales shards (see table-keys/channel-lines.ts). */
export type ShardDirectory =
  /** No counter: listings read no shard, so its lines are invisible. */
  | { readonly kind: 'no counter' }
  /** A counter older than the directory: listings read every shard. */
  | { readonly kind: 'every shard' }
  | { readonly kind: 'listed'; readonly shards: ReadonlySet<number> };

/**
 * The shards to add to a partner-month's directory, ascending, so that it lists every shard in `shardsWithLines`
 * (none: it already does). A counter older than the directory gets every shard: what its listings read today,
 * so the upgrade never hides a line mid-way, and a live write adding its own shard later cannot hide the rest.
 */
export function shardsToList(
  directory: ShardDirectory,
  shardsWithLines: Iterable<number>,
  everyShard: readonly number[],
): number[] {
  const wanted =
    directory.kind === 'every shard'
      ? everyShard
      : [...new Set(shardsWithLines)].filter(
          (shard) => directory.kind === 'no counter' || !directory.shards.has(shard),
        );
  return [...wanted].sort((a, b) => a - b);
}

/** What a backfill pass did. */
export interface ReadModelBackfillReport {
  /** Items the scan read (every type). */
  readonly itemsScanned: number;
  /** Postings without a summary, added to their liability summaries now. */
  readonly summariesApplied: number;
  /** Postings another backfill summarized between this one's scan and its write: nothing added. */
  readonly summariesAlreadyApplied: number;
  /** Current sale lines whose partner-month directory was checked. */
  readonly saleLinesChecked: number;
  /**
   * Updates that gave a partner-month's directory shards it missed (its counter created or bumped with them):
   * one per page that found some, so a month whose lines span pages or segments may take several.
   */
  readonly directoryUpdates: number;
}

export const noBackfillYet: ReadModelBackfillReport = {
  itemsScanned: 0,
  summariesApplied: 0,
  summariesAlreadyApplied: 0,
  saleLinesChecked: 0,
  directoryUpdates: 0,
};

/** Two reports' counts added (segments, pages). */
export function addBackfillReports(
  a: ReadModelBackfillReport,
  b: ReadModelBackfillReport,
): ReadModelBackfillReport {
  const counts = Object.keys(noBackfillYet) as (keyof ReadModelBackfillReport)[];
  return Object.fromEntries(
    counts.map((count) => [count, a[count] + b[count]]),
  ) as unknown as ReadModelBackfillReport;
}
