import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileMarker, finishedLoad, loadOnce, type MarkerPlace, tableMarker } from '../../bench/load-once';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { loadConfig } from '../../functions/shared/config';
import { createTestTable } from '../support/test-table';

interface Figures {
  readonly minutes: number;
}

/** A fresh place for a marker, as a new data directory holds: a new table, or a file in a new folder. */
const places: Record<string, () => Promise<MarkerPlace<Figures>>> = {
  'an item of the loaded table': async () => {
    const table = await createTestTable();
    return tableMarker(createDocumentClient(loadConfig()), table);
  },
  'a file': async () =>
    fileMarker(path.join(mkdtempSync(path.join(tmpdir(), 'bench-load-once-')), 'load.json')),
};

describe.each(Object.entries(places))('loadOnce with its marker in %s', (_, freshPlace) => {
  it('loads a size once: a later run finds the finished load and gets its figures without loading', async () => {
    // Arrange
    const place = await freshPlace();
    let loads = 0;
    const load = async () => ({ minutes: 30 + ++loads });

    // Act
    const first = await loadOnce(place, 1_000_000, load);
    const later = await loadOnce(place, 1_000_000, load);

    // Assert
    expect(first).toEqual({ figures: { minutes: 31 }, loadedNow: true });
    expect(later).toEqual({ figures: { minutes: 31 }, loadedNow: false });
    expect(loads).toBe(1);
  });

  it('loads again after a load killed half-way (no marker) and when the finished load was of another size', async () => {
    // Arrange: a load that dies half-way, as a killed process or a dropped connection leaves it.
    const place = await freshPlace();
    const halfLoad = async (): Promise<Figures> => {
      throw new Error('killed at 660,000 of 1,000,000');
    };
    await expect(loadOnce(place, 1_000_000, halfLoad)).rejects.toThrow('killed');

    // Act
    const resumed = await loadOnce(place, 1_000_000, async () => ({ minutes: 25 }));
    const otherSize = await loadOnce(place, 100_000, async () => ({ minutes: 3 }));

    // Assert
    expect(resumed).toEqual({ figures: { minutes: 25 }, loadedNow: true });
    expect(otherSize).toEqual({ figures: { minutes: 3 }, loadedNow: true });
    expect(await place.read()).toEqual({ size: 100_000, figures: { minutes: 3 } });
  });

  it('clears the marker of another size before loading: a load of this size that dies leaves none', async () => {
    // Arrange: a finished million, then a run of another size over the same data.
    const place = await freshPlace();
    await loadOnce(place, 1_000_000, async () => ({ minutes: 30 }));
    const halfLoad = async (): Promise<Figures> => {
      throw new Error('killed at 50,000 of 100,000');
    };

    // Act
    await expect(loadOnce(place, 100_000, halfLoad)).rejects.toThrow('killed');

    // Assert: the data now hold neither a finished million nor a finished 100,000.
    expect(await place.read()).toBeUndefined();
    expect(await finishedLoad(place, 1_000_000)).toBeUndefined();
  });
});
