import { describe, expect, it } from 'vitest';
import { lineContent } from '../../../domain/channel-files/channel-line';
import {
  type CurrentLineVersion,
  classifyBatch,
  classifyLine,
} from '../../../domain/channel-files/line-restatement';
import type { NormalizedSaleLine } from '../../../domain/ingestion/ingest-types';
import { sale } from './sale-line';

const stored = (line: NormalizedSaleLine, version = 1): CurrentLineVersion => ({
  version,
  line,
  ingestOutcome: 'accepted',
});

describe('classifying a line against the version in force', () => {
  it('accepts a new key as version 1, written on condition that the key has no version', () => {
    const line = sale();
    expect(classifyLine('file-b', line, undefined)).toEqual({
      line,
      outcome: 'accepted',
      write: { line, outcome: 'accepted', version: 1 },
    });
  });

  it("restates file A's qty 1 with file B's qty 2 as version 2, conditional on version 1", () => {
    const current = stored(sale({ sourceFileId: 'file-a', quantity: '1', reportedQuantity: '1' }));
    const line = sale();
    expect(classifyLine('file-b', line, current)).toEqual({
      line,
      outcome: 'restated',
      write: { line, outcome: 'restated', version: 2, replaces: current },
    });
  });

  it('calls the same content from an earlier file unchanged and writes nothing', () => {
    const current = stored(sale({ sourceFileId: 'file-a', sourceLineNumber: 9 }), 3);
    expect(classifyLine('file-b', sale(), current)).toEqual({ line: sale(), outcome: 'unchanged' });
  });

  it('keeps the first outcome of a line its own file stored already (a resumed batch)', () => {
    const current: CurrentLineVersion = { version: 2, line: sale(), ingestOutcome: 'restated' };
    expect(classifyLine('file-b', sale(), current).outcome).toBe('restated');
  });

  it('calls another line of the same file with a stored key a duplicate', () => {
    const current = stored(sale({ sourceLineNumber: 1 }));
    expect(classifyLine('file-b', sale(), current)).toEqual({ line: sale(), outcome: 'duplicate_in_file' });
  });

  it('tells a change of a custom attribute apart (nested keys count)', () => {
    const current = stored(sale({ sourceFileId: 'file-a', custom: { region: 'EU' } }));
    expect(classifyLine('file-b', sale({ custom: { region: 'US' } }), current).outcome).toBe('restated');
    expect(lineContent(sale({ custom: { a: '1', b: '2' } }))).toBe(
      lineContent(sale({ custom: { b: '2', a: '1' } })),
    );
  });
});

describe('classifying a batch', () => {
  it('writes the first line of a key and calls later lines with that key duplicates', () => {
    const first = sale({ sourceLineNumber: 2 });
    const second = sale({ sourceLineNumber: 3, quantity: '5' });
    const other = sale({ sourceLineNumber: 4, invoiceNumber: 'OV-27' });
    const result = classifyBatch('file-b', [first, second, other], new Map());
    expect(result.map((entry) => [entry.line.sourceLineNumber, entry.outcome])).toEqual([
      [2, 'accepted'],
      [3, 'duplicate_in_file'],
      [4, 'accepted'],
    ]);
    expect(result[1]?.write).toBeUndefined();
  });
});
