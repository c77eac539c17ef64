/**
 * Load once, measure later. A million-item table takes 20–30 minutes to load on the shared machine, while
 * latency percentiles mean something only on a quiet one: with `BENCH_DATA_DIR=<dir>` a bench keeps its data
 * there, and a later run whose load already finished there only measures.
 *
 * A load writes its marker after its last item, so a load killed half-way leaves none and is run again whole
 * (the benches' loads put the same items again, so a rerun over a half-loaded store is harmless).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Where `bench` keeps its data between runs: its own folder under `BENCH_DATA_DIR` (so benches run together
 * never share one); undefined without it: in memory, loaded every run.
 */
export const benchDataDirectory = (bench: string): string | undefined =>
  process.env.BENCH_DATA_DIR ? path.join(process.env.BENCH_DATA_DIR, bench) : undefined;

/**
 * Warns of a load into `directory` (undefined: in memory) without eatmydata: on disk DynamoDB Local's SQLite
 * syncs every write (13 registrations/s instead of 319 in a 2,000 load here).
 */
export function warnOfSyncedLoad(bench: string, directory: string | undefined): void {
  if (directory !== undefined && !process.env.LD_PRELOAD?.includes('eatmydata'))
    console.warn(`${bench}: loading into ${directory} without eatmydata: every write is synced (slow)`);
}

/** What a finished load of `size` records: the figures it measured, shown again by the runs that skip it. */
export interface LoadMarker<Figures> {
  readonly size: number;
  readonly figures: Figures;
}

/** Where a load's marker is kept: read, written once the load finished, cleared before another load. */
export interface MarkerPlace<Figures> {
  read(): Promise<LoadMarker<Figures> | undefined>;
  write(marker: LoadMarker<Figures>): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The figures of a finished load of `size` in `place`, or undefined: then a marker of another size is
 * cleared, so that a load of this size that follows and dies half-way leaves no marker claiming a finished one.
 */
export async function finishedLoad<Figures>(
  place: MarkerPlace<Figures>,
  size: number,
): Promise<Figures | undefined> {
  const marker = await place.read();
  if (marker?.size === size) return marker.figures;
  if (marker !== undefined) await place.clear();
  return undefined;
}

/** The figures of a finished load of `size` in `place`, or those of `load` run now (and then marked). */
export async function loadOnce<Figures>(
  place: MarkerPlace<Figures>,
  size: number,
  load: () => Promise<Figures>,
): Promise<{ figures: Figures; loadedNow: boolean }> {
  const finished = await finishedLoad(place, size);
  if (finished !== undefined) return { figures: finished, loadedNow: false };
  const figures = await load();
  await place.write({ size, figures });
  return { figures, loadedNow: true };
}

/** A marker kept as an item of the loaded table itself (key `bench-load`), read consistently. */
export function tableMarker<Figures>(client: DynamoDBDocumentClient, table: string): MarkerPlace<Figures> {
  const key = { pk: 'bench-load', sk: 'bench-load' };
  return {
    read: async () => {
      const { Item } = await client.send(
        new GetCommand({ TableName: table, Key: key, ConsistentRead: true }),
      );
      return Item === undefined ? undefined : { size: Item.size, figures: Item.figures };
    },
    write: async ({ size, figures }) => {
      await client.send(new PutCommand({ TableName: table, Item: { ...key, size, figures } }));
    },
    clear: async () => {
      await client.send(new DeleteCommand({ TableName: table, Key: key }));
    },
  };
}

/** A marker kept as a JSON file, written whole (a temporary file renamed) so a kill never leaves half of one. */
export function fileMarker<Figures>(file: string): MarkerPlace<Figures> {
  return {
    read: async () => {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as LoadMarker<Figures>;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    write: async (marker) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(marker, null, 2));
      renameSync(`${file}.tmp`, file);
    },
    clear: async () => rmSync(file, { force: true }),
  };
}
