import { type ChannelLine, lineContent, naturalKeyOf } from './channel-line';

/** How one line of a file landed; `duplicate_in_file` = the file already had a line with its natural key. */
export type LineOutcome = 'accepted' | 'restated' | 'unchanged' | 'duplicate_in_file';

/** The version in force of a natural key, as the line store holds it. */
export interface CurrentLineVersion {
  readonly version: number;
  readonly line: ChannelLine;
  readonly ingestOutcome: LineOutcome;
  /** The file whose version this one replaced, if any (what a withdrawal restores). */
  readonly replacesFileId?: string | undefined;
}

/**
 * A line to write as the new version of its key. `replaces` is the version it was classified against:
 * the write only succeeds while the key is still at that version (absent: while the key has none).
 */
export interface LineWrite {
  readonly line: ChannelLine;
  readonly outcome: 'accepted' | 'restated';
  readonly version: number;
  readonly replaces?: CurrentLineVersion | undefined;
}

/** A line with its outcome, and the write that outcome needs (none for unchanged, resumed or duplicate). */
export interface ClassifiedLine {
  readonly line: ChannelLine;
  readonly outcome: LineOutcome;
  readonly write?: LineWrite | undefined;
  /** The version an earlier attempt of this same file stored for this source line (a resumed batch). */
  readonly resumed?: CurrentLineVersion | undefined;
}

/**
 * Classifies one line of file `fileId` against the version in force of its key:
 * - stored by this same file already: the same source line is a resumed batch and keeps its first outcome;
 *   another source line is a second line with that key in the file (`duplicate_in_file`);
 * - the same content from an earlier file: `unchanged`, nothing written;
 * - different content: `restated` as the next version (the current one goes to history);
 * - no version yet: `accepted` as version 1.
 */
export function classifyLine(
  fileId: string,
  line: ChannelLine,
  current: CurrentLineVersion | undefined,
): ClassifiedLine {
  if (current === undefined) {
    return { line, outcome: 'accepted', write: { line, outcome: 'accepted', version: 1 } };
  }
  if (current.line.sourceFileId === fileId) {
    return current.line.sourceLineNumber === line.sourceLineNumber
      ? { line, outcome: current.ingestOutcome, resumed: current }
      : { line, outcome: 'duplicate_in_file' };
  }
  if (lineContent(current.line) === lineContent(line)) return { line, outcome: 'unchanged' };
  return {
    line,
    outcome: 'restated',
    write: { line, outcome: 'restated', version: current.version + 1, replaces: current },
  };
}

/**
 * Classifies a batch of one file's lines: the first line of each natural key against the version in force
 * (`current`, by natural key), every later line with the same key as `duplicate_in_file`.
 */
export function classifyBatch(
  fileId: string,
  lines: readonly ChannelLine[],
  current: ReadonlyMap<string, CurrentLineVersion>,
): ClassifiedLine[] {
  const seen = new Set<string>();
  return lines.map((line) => {
    const key = naturalKeyOf(line);
    if (seen.has(key)) return { line, outcome: 'duplicate_in_file' };
    seen.add(key);
    return classifyLine(fileId, line, current.get(key));
  });
}
