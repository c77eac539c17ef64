import type { CompiledColumns, LineNormalizer, LineSink } from './line-normalizer';

/** Where a transaction-set reader hands its items. */
export interface X12ItemTarget {
  readonly normalizer: LineNormalizer;
  /** For items refused as a whole before normalization. */
  readonly sink: LineSink;
  /** Items starting at or before this segment number were stored by an earlier run. */
  readonly startAfterLine: number;
}

/**
 * Reads the segments of one transaction set between ST and SE into items, each handed to the normalizer as
 * cells in the order of the set's `CompiledColumns`.
 */
export interface X12TransactionSet {
  /** Items closed so far in the file, including those skipped before `startAfterLine`. */
  readonly items: number;
  /** Clears the state of the previous transaction at ST. */
  start(component: string | undefined, terminator: string): void;
  /** Handles a segment of the transaction other than ST, SE and CTT. */
  onSegment(id: string, elements: readonly string[], segmentNumber: number, raw: string): void;
  /** Hands the open item, if any, to the normalizer (at CTT, at the end of a transaction or of the file). */
  closeItem(): void;
}

/** Columns for items assembled directly in canonical field order, with custom attributes after the fields. */
export function canonicalColumns(fields: readonly string[], customNames: readonly string[]): CompiledColumns {
  return {
    fieldColumns: new Map(fields.map((field, index) => [field, index])),
    customColumns: customNames.map((name, index) => ({ name, column: fields.length + index })),
    width: 0,
  };
}
