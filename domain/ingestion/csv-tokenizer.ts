import { ingestLimits, limitText } from './ingest-limits';

/**
 * Receives one record: its cells, the physical line where it starts (1-based) and its raw text. The cells array
 * is reused for the next record, so a handler must not keep it past the call.
 */
export type RecordHandler = (cells: string[], sourceLineNumber: number, raw: string) => void;
/** Why a physical line is not a record: an unterminated quote, or more characters than a line may have. */
export interface LineProblem {
  readonly code: 'unterminated_quote' | 'line_too_long';
  readonly message: string;
}
/**
 * Receives a physical line that is not a well-formed record. The raw text of an over-long line is its first
 * `ingestLimits.rawExcerptChars` characters: the rest was streamed past, never held.
 */
export type MalformedHandler = (sourceLineNumber: number, raw: string, problem: LineProblem) => void;

export type CsvDelimiter = ',' | ';' | '\t' | '|';
const candidates: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

const unterminatedQuote: LineProblem = { code: 'unterminated_quote', message: 'unterminated quoted field' };
const lineTooLong = (limit: number): LineProblem => ({
  code: 'line_too_long',
  message: `the line is longer than ${limitText(limit)} characters, the most a line may have`,
});

/** Picks the delimiter occurring most often outside quotes in a header line; ties and none go to ','. */
export function detectDelimiter(line: string): CsvDelimiter {
  const counts = [0, 0, 0, 0];
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code === 34) quoted = !quoted;
    else if (!quoted) {
      const found = candidates.indexOf(line[index] as CsvDelimiter);
      if (found >= 0) counts[found] = (counts[found] ?? 0) + 1;
    }
  }
  let best = 0;
  for (let index = 1; index < counts.length; index++)
    if ((counts[index] ?? 0) > (counts[best] ?? 0)) best = index;
  return candidates[best] ?? ',';
}

/**
 * Incremental RFC 4180 reader over decoded text chunks. Records without a quote take the fast path: `indexOf`
 * finds the line end and each delimiter, and the cells are sliced out of the buffer into one reused array
 * (`split` allocated a line array per chunk and a cell array per line, and tokenized ~1.5× slower). A record with
 * quotes goes through a small state machine that handles doubled quotes, delimiters and newlines inside quotes,
 * and waits for the next chunk when a quoted field is cut by a chunk boundary. Lines end with LF, CRLF or (old
 * Mac exports) CR; blank lines are skipped but counted, so line numbers stay physical. A line or record longer
 * than `maxLineChars` is reported malformed; when its end is not yet in sight the tokenizer keeps only its first
 * characters and drops the rest up to the next line end, so it buffers about one limit plus one chunk at most.
 */
export class CsvTokenizer {
  private buffer = '';
  private nextLine = 1;
  private delimiter: CsvDelimiter | undefined;
  private lineEnd: 'unknown' | 'lf' | 'cr' = 'unknown';
  /** Cells of the current record; one array for the whole file keeps the per-line garbage to the cells. */
  private readonly cells: string[] = [];
  /** Next delimiter in the buffer at or after the last search (its length if none); -1 = search again. */
  private delimiterAt = -1;
  /** True while streaming past the rest of an over-long line, already reported. */
  private skipping = false;

  /**
   * @param delimiter fixed delimiter, or 'auto' to detect it on the first line numbered `detectAtLine` or later.
   */
  constructor(
    delimiter: 'auto' | CsvDelimiter,
    private readonly detectAtLine: number,
    private readonly onRecord: RecordHandler,
    private readonly onMalformed: MalformedHandler,
    private readonly maxLineChars: number = ingestLimits.lineChars,
  ) {
    if (delimiter !== 'auto') this.delimiter = delimiter;
  }

  /** Feeds the next piece of text. */
  push(text: string): void {
    if (text.length === 0) return;
    if (this.lineEnd === 'unknown') this.decideLineEnd(text);
    const chunk = this.lineEnd === 'cr' ? text.replaceAll('\r', '\n') : text;
    this.buffer = this.buffer.length === 0 ? chunk : this.buffer + chunk;
    this.consume(false);
  }

  /** Flushes the last record (a file need not end with a newline). */
  end(): void {
    if (this.lineEnd === 'unknown' && this.buffer.length > 0) this.lineEnd = 'lf';
    this.consume(true);
    this.buffer = '';
  }

  /** Characters held between pushes (bounded by about one line limit plus the last chunk). */
  get bufferedChars(): number {
    return this.buffer.length;
  }

  private decideLineEnd(text: string): void {
    const joined = this.buffer + text;
    const cr = joined.indexOf('\r');
    const lf = joined.indexOf('\n');
    if (lf >= 0 && (cr < 0 || lf < cr || lf === cr + 1)) this.lineEnd = 'lf';
    else if (cr >= 0 && cr + 1 < joined.length) this.lineEnd = 'cr';
  }

  private consume(final: boolean): void {
    if (this.skipping && !this.skipPastLongLine(final)) return;
    const buffer = this.buffer;
    const length = buffer.length;
    const limit = this.maxLineChars;
    let position = 0;
    let line = this.nextLine;
    let quoteAt = buffer.indexOf('"');
    if (quoteAt < 0) quoteAt = length;
    this.delimiterAt = -1;
    while (position < length) {
      let newline = buffer.indexOf('\n', position);
      if (newline < 0) {
        if (!final) {
          if (length - position > limit) {
            // Reported now (a header this long fails the file before the rest is read), dropped up to its end.
            this.onMalformed(
              line,
              buffer.slice(position, position + ingestLimits.rawExcerptChars),
              lineTooLong(limit),
            );
            this.skipping = true;
            position = length;
          }
          break;
        }
        newline = length;
      }
      if (newline - position > limit) {
        this.onMalformed(
          line,
          buffer.slice(position, position + ingestLimits.rawExcerptChars),
          lineTooLong(limit),
        );
        line++;
        position = newline + 1;
        continue;
      }
      if (quoteAt < position) {
        quoteAt = buffer.indexOf('"', position);
        if (quoteAt < 0) quoteAt = length;
      }
      if (quoteAt >= newline) {
        let end = newline;
        if (end > position && buffer.charCodeAt(end - 1) === 13) end--;
        if (end > position) {
          const raw = buffer.slice(position, end);
          const delimiter = this.delimiter ?? this.delimiterFor(line, raw);
          this.onRecord(this.splitCells(buffer, position, end, delimiter), line, raw);
        }
        line++;
        position = newline + 1;
        continue;
      }
      const delimiter = this.delimiter ?? this.delimiterFor(line, buffer.slice(position, newline));
      const recordEnd = this.quotedRecord(buffer, position, final, delimiter);
      if (recordEnd >= 0 && recordEnd - position <= limit) {
        this.onRecord(this.cells, line, buffer.slice(position, rawEnd(buffer, position, recordEnd)));
        line += countNewlines(buffer, position, recordEnd);
        position = recordEnd;
        continue;
      }
      if (recordEnd >= 0) {
        // A quoted record spanning lines, longer than a line may be: refused whole.
        this.onMalformed(
          line,
          buffer.slice(position, position + ingestLimits.rawExcerptChars),
          lineTooLong(limit),
        );
        line += countNewlines(buffer, position, recordEnd);
        position = recordEnd;
        continue;
      }
      if (!final && length - position <= limit) break;
      // An unterminated quote: refuse its physical line and carry on with the next one.
      this.onMalformed(line, buffer.slice(position, rawEnd(buffer, position, newline)), unterminatedQuote);
      line++;
      position = newline + 1;
    }
    this.buffer = position >= length ? '' : buffer.slice(position);
    this.nextLine = line;
  }

  /**
   * Drops text up to the end of the over-long line being skipped. Returns true once the line has ended and the
   * rest of the buffer is to be read as usual.
   */
  private skipPastLongLine(final: boolean): boolean {
    const newline = this.buffer.indexOf('\n');
    if (newline < 0) {
      this.buffer = '';
      return final;
    }
    this.skipping = false;
    this.nextLine++;
    this.buffer = this.buffer.slice(newline + 1);
    return true;
  }

  /**
   * Slices the unquoted record `buffer[start, end)` into the reused cells array. The delimiter found past the
   * record is kept for the next ones, so records without a delimiter do not each rescan the rest of the buffer.
   */
  private splitCells(buffer: string, start: number, end: number, delimiter: string): string[] {
    const cells = this.cells;
    let count = 0;
    let from = start;
    let at = this.delimiterAt;
    for (;;) {
      if (at < from) {
        at = buffer.indexOf(delimiter, from);
        if (at < 0) at = buffer.length;
      }
      if (at >= end) break;
      cells[count++] = buffer.slice(from, at);
      from = at + 1;
    }
    cells[count++] = buffer.slice(from, end);
    if (cells.length !== count) cells.length = count;
    this.delimiterAt = at;
    return cells;
  }

  private delimiterFor(line: number, text: string): CsvDelimiter {
    // Until it is detected the delimiter may change, and with it the next delimiter's position.
    this.delimiterAt = -1;
    if (line < this.detectAtLine) return ',';
    this.delimiter = detectDelimiter(text);
    return this.delimiter;
  }

  /**
   * Parses one record that contains a quote, starting at `start`, into the cells array. Returns the index just
   * past its line end, or -1 when the record is not complete in the buffer (or, at the end, has an unterminated
   * quote).
   */
  private quotedRecord(buffer: string, start: number, final: boolean, delimiter: string): number {
    const length = buffer.length;
    const delimiterCode = delimiter.charCodeAt(0);
    const cells = this.cells;
    cells.length = 0;
    let index = start;
    for (;;) {
      let value = '';
      if (buffer.charCodeAt(index) === 34) {
        let from = index + 1;
        for (;;) {
          const quote = buffer.indexOf('"', from);
          if (quote < 0) return -1;
          value += buffer.slice(from, quote);
          if (quote + 1 >= length && !final) return -1;
          if (buffer.charCodeAt(quote + 1) === 34) {
            value += '"';
            from = quote + 2;
            continue;
          }
          index = quote + 1;
          break;
        }
      }
      // Unquoted field, or text after a closing quote (kept as is: lenient with `"a"b`).
      let stop = index;
      while (stop < length) {
        const code = buffer.charCodeAt(stop);
        if (code === delimiterCode || code === 10) break;
        stop++;
      }
      if (stop >= length && !final) return -1;
      let valueEnd = stop;
      if ((stop >= length || buffer.charCodeAt(stop) === 10) && buffer.charCodeAt(valueEnd - 1) === 13)
        valueEnd--;
      if (valueEnd > index) value += buffer.slice(index, valueEnd);
      cells.push(value);
      if (stop < length && buffer.charCodeAt(stop) === delimiterCode) {
        index = stop + 1;
        continue;
      }
      return stop >= length ? length : stop + 1;
    }
  }
}

/** End of a record's raw text `buffer[start, end)`, without its line end (LF, CRLF or a trailing CR). */
function rawEnd(buffer: string, start: number, end: number): number {
  let at = end;
  if (at > start && buffer.charCodeAt(at - 1) === 10) at--;
  if (at > start && buffer.charCodeAt(at - 1) === 13) at--;
  return at;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  let index = text.indexOf('\n', from);
  while (index >= 0 && index < to) {
    count++;
    index = text.indexOf('\n', index + 1);
  }
  // A final record without a newline still occupies its line.
  return to >= text.length && text.charCodeAt(to - 1) !== 10 ? count + 1 : count;
}
