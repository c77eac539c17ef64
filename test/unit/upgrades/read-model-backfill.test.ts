import { describe, expect, it } from 'vitest';
import { addBackfillReports, shardsToList } from '../../../domain/upgrades/read-model-backfill';

const everyShard = [0, 1, 2, 3];

describe('shardsToList', () => {
  it('lists the shards of lines a month without a counter has: 3 and 1 (twice) → [1, 3]', () => {
    expect(shardsToList({ kind: 'no counter' }, [3, 1, 1], everyShard)).toEqual([1, 3]);
  });

  it('adds only the shards a directory misses: {1} with lines in 1 and 2 → [2]; {1, 2} → nothing', () => {
    expect(shardsToList({ kind: 'listed', shards: new Set([1]) }, [2, 1], everyShard)).toEqual([2]);
    expect(shardsToList({ kind: 'listed', shards: new Set([1, 2]) }, [2, 1], everyShard)).toEqual([]);
  });

  it('gives a counter older than the directory every shard, whatever lines the page had', () => {
    expect(shardsToList({ kind: 'every shard' }, [2], everyShard)).toEqual(everyShard);
  });
});

describe('addBackfillReports', () => {
  it('adds every count: 5 + 7 items scanned, 1 + 2 summaries, 0 + 3 directory updates', () => {
    const a = {
      itemsScanned: 5,
      summariesApplied: 1,
      summariesAlreadyApplied: 0,
      saleLinesChecked: 4,
      directoryUpdates: 0,
    };
    const b = {
      itemsScanned: 7,
      summariesApplied: 2,
      summariesAlreadyApplied: 1,
      saleLinesChecked: 0,
      directoryUpdates: 3,
    };
    expect(addBackfillReports(a, b)).toEqual({
      itemsScanned: 12,
      summariesApplied: 3,
      summariesAlreadyApplied: 1,
      saleLinesChecked: 4,
      directoryUpdates: 3,
    });
  });
});
