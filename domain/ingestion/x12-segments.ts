import { fileRejected } from './file-rejected-error';
import { ingestLimits, limitText } from './ingest-limits';

/** The separators of an X12 interchange. */
export interface X12Delimiters {
  readonly element: string;
  /** Separator inside composite elements (ISA16); undefined when the file has no ISA to say. */
  readonly component: string | undefined;
  readonly segment: string;
}

/** Receives one segment: its elements (index 0 = segment id), its 1-based number in the file and its text. */
export type SegmentHandler = (elements: string[], segmentNumber: number, raw: string) => void;

const isAlphanumeric = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isBlank = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;
const segmentStart = /[A-Z][A-Z0-9]{1,2}/y;

/** Characters of an ISA segment before its terminator: 3 + 16 separators and fixed-width elements. */
const isaLength = 105;

/**
 * Reads the delimiters from the ISA header (element separator at position 4, ISA16 = component separator,
 * the next character = segment terminator), or without ISA infers them: the character after the first
 * segment id is the element separator, and the terminator is the character that precedes the next segment id.
 * Returns undefined when more text is needed.
 */
export function detectX12Delimiters(text: string, final: boolean): X12Delimiters | undefined {
  let start = 0;
  while (start < text.length && isBlank(text.charCodeAt(start))) start++;
  if (text.startsWith('ISA', start)) {
    const element = text[start + 3];
    if (element === undefined) {
      if (!final) return undefined;
      throw fileRejected('malformed', 'the X12 ISA segment is incomplete');
    }
    let separator = start + 3;
    for (let count = 1; count < 16; count++) {
      separator = text.indexOf(element, separator + 1);
      if (separator < 0) {
        if (!final && text.length - start < isaLength * 2) return undefined;
        throw fileRejected('malformed', 'the X12 ISA segment is incomplete');
      }
    }
    const component = text[separator + 1];
    const segment = text[separator + 2];
    if (component === undefined || segment === undefined) {
      if (!final) return undefined;
      throw fileRejected('malformed', 'the X12 ISA segment is incomplete');
    }
    return { element, component, segment: segment === '\r' ? '\n' : segment };
  }
  let index = start;
  while (index < text.length && isAlphanumeric(text.charCodeAt(index))) index++;
  const element = text[index];
  if (element === undefined) {
    if (!final) return undefined;
    throw fileRejected('malformed', 'no X12 segment found');
  }
  for (let at = index + 1; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (isAlphanumeric(code) || text[at] === element || code === 32) continue;
    let next = at + 1;
    while (next < text.length && isBlank(text.charCodeAt(next))) next++;
    segmentStart.lastIndex = next;
    if (segmentStart.test(text) && text[segmentStart.lastIndex] === element) {
      return {
        element,
        component: undefined,
        segment: code === 13 || code === 10 ? '\n' : (text[at] ?? '~'),
      };
    }
  }
  if (!final) return undefined;
  // One segment only: its terminator is the last non-blank character.
  let end = text.length;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  const last = text[end - 1];
  return {
    element,
    component: undefined,
    segment: last !== undefined && !isAlphanumeric(text.charCodeAt(end - 1)) ? last : '\n',
  };
}

const segmentTooLong = (segmentNumber: number, limit: number) =>
  fileRejected(
    'too_large',
    `X12 segment ${segmentNumber} is longer than ${limitText(limit)} characters, the most a segment may have`,
  );

/**
 * Incremental X12 tokenizer: splits decoded text into segments on the terminator (optional newlines after it
 * are skipped) and segments into elements, numbering segments from 1 across the whole file. A segment (or the
 * text before the delimiters are known) longer than the line limit refuses the file: past it nothing in the
 * interchange's structure can be trusted, and it is never buffered further.
 */
export class X12SegmentReader {
  private buffer = '';
  private segmentNumber = 0;
  delimiters: X12Delimiters | undefined;

  constructor(
    private readonly onSegment: SegmentHandler,
    private readonly maxSegmentChars: number = ingestLimits.lineChars,
  ) {}

  push(text: string): void {
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    this.consume(false);
  }

  end(): void {
    this.consume(true);
    this.buffer = '';
  }

  private consume(final: boolean): void {
    if (this.delimiters === undefined) {
      this.delimiters = detectX12Delimiters(this.buffer, final);
      if (this.delimiters === undefined) {
        if (this.buffer.length > this.maxSegmentChars) throw segmentTooLong(1, this.maxSegmentChars);
        return;
      }
    }
    const { element, segment } = this.delimiters;
    const buffer = this.buffer;
    let position = 0;
    for (;;) {
      while (position < buffer.length && isBlank(buffer.charCodeAt(position))) position++;
      if (position >= buffer.length) break;
      let end = buffer.indexOf(segment, position);
      if (end < 0) {
        if (buffer.length - position > this.maxSegmentChars)
          throw segmentTooLong(this.segmentNumber + 1, this.maxSegmentChars);
        if (!final) break;
        end = buffer.length;
      }
      if (end - position > this.maxSegmentChars)
        throw segmentTooLong(this.segmentNumber + 1, this.maxSegmentChars);
      let textEnd = end;
      while (textEnd > position && isBlank(buffer.charCodeAt(textEnd - 1))) textEnd--;
      if (textEnd > position) {
        const raw = buffer.slice(position, textEnd);
        this.onSegment(raw.split(element), ++this.segmentNumber, raw);
      }
      position = end + segment.length;
    }
    this.buffer = position >= buffer.length ? '' : buffer.slice(position);
  }
}
