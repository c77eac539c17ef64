import { type ChannelLine, naturalKeyOf } from './channel-line';
import { type ClassifiedLine, classifyBatch, classifyLine, type LineWrite } from './line-restatement';
import type { ChannelLineStore } from './ports';

/** Rounds of re-reading and re-classifying lines that lost a race before the batch gives up (and is retried). */
const maxRounds = 25;

/**
 * Stores a batch of one file's lines with optimistic concurrency on each natural key.
 * 1. Read the versions in force and classify every line (accepted / restated / unchanged / duplicate). Lines
 *    an earlier attempt of this file already stored are confirmed (their change marks made again).
 * 2. Write what changes, each write conditional on the version it was classified against.
 * 3. Writes that lost a race to another file are re-read and classified again (so the later file restates
 *    the earlier one and history keeps both), until every line has landed.
 * Answers each line with its outcome, in the batch's order.
 */
export async function storeChannelLines(
  store: ChannelLineStore,
  fileId: string,
  lines: readonly ChannelLine[],
): Promise<ClassifiedLine[]> {
  const classified = classifyBatch(fileId, lines, await store.currentVersions(lines));
  const resumed = classified.flatMap((entry) => (entry.resumed === undefined ? [] : [entry.resumed]));
  if (resumed.length > 0) await store.confirmStored(resumed);
  const byLine = new Map(classified.map((entry) => [entry.line, entry]));
  let pending = writesOf(classified);
  for (let round = 1; pending.length > 0; round++) {
    if (round > maxRounds) {
      throw new Error(`${pending.length} lines kept losing races to other files after ${maxRounds} rounds`);
    }
    const lost = await store.writeLines(fileId, pending);
    if (lost.length === 0) break;
    const lostLines = lost.map((write) => write.line);
    const current = await store.currentVersions(lostLines);
    const again = lostLines.map((line) => classifyLine(fileId, line, current.get(naturalKeyOf(line))));
    for (const entry of again) byLine.set(entry.line, entry);
    pending = writesOf(again);
  }
  return [...byLine.values()];
}

const writesOf = (classified: readonly ClassifiedLine[]): LineWrite[] =>
  classified.flatMap((entry) => (entry.write === undefined ? [] : [entry.write]));
