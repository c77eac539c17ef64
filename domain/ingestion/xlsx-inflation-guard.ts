import { createInflateRaw, type InflateRaw } from 'node:zlib';
import { type FileRejectedError, fileRejected } from './file-rejected-error';
import { ingestLimits, limitText } from './ingest-limits';

export type XlsxLimits = Pick<
  typeof ingestLimits,
  'xlsxInflatedBytes' | 'xlsxSharedStringsBytes' | 'xlsxXmlRunBytes'
>;

const localFileHeader = 0x04034b50;
const dataDescriptor = 0x08074b50;
/** Central directory, zip64 end records, end of central directory: no entry data follows. */
const trailerSignatures = new Set([0x02014b50, 0x06064b50, 0x07064b50, 0x06054b50]);
const usesDataDescriptor = 0x0008;
const lt = 0x3c;
const gt = 0x3e;

type State =
  | { readonly kind: 'header' }
  | { readonly kind: 'descriptor' }
  | { readonly kind: 'trailer' }
  | {
      readonly kind: 'entry';
      readonly name: string;
      readonly stored: boolean;
      /** Compressed bytes still to come; undefined when only the deflate stream's end tells (data descriptor). */
      remaining: number | undefined;
      readonly descriptor: boolean;
      readonly inflater: InflateRaw | undefined;
    };

/**
 * Measures an XLSX (ZIP) byte stream on its way to the workbook reader: it inflates each part itself, counting
 * inflated bytes (all parts, and the shared strings the reader caches) and the longest run of XML between two
 * angle brackets (one cell value or one tag), and passes a chunk on only once its inflation stayed within the
 * limits. A zip bomb (53 KB inflating to a 50 MB cell) is therefore stopped after at most one chunk's worth of
 * inflation, before the reader builds anything from it.
 *
 * On a breach the stream ends early (the reader sees a truncated workbook) and `violation` holds the
 * file-level refusal, which the caller throws: an error thrown into the reader's input would leave its unzip
 * pipe waiting forever.
 */
export class XlsxInflationGuard {
  violation: FileRejectedError | undefined;
  private state: State = { kind: 'header' };
  private carry: Buffer = Buffer.alloc(0);
  private inflatedTotal = 0;
  private sharedStrings = 0;
  private run = 0;
  private entryEnded = false;
  private entryFailed: Error | undefined;

  constructor(private readonly limits: XlsxLimits = ingestLimits) {}

  /** The chunks of `source` that passed, in order; ends early on a breach (see `violation`). */
  async *pass(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      await this.inspect(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (this.violation !== undefined) return;
      yield chunk;
    }
  }

  private async inspect(chunk: Buffer): Promise<void> {
    let bytes = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = Buffer.alloc(0);
    while (bytes.length > 0 && this.violation === undefined) {
      const state = this.state;
      if (state.kind === 'trailer') return;
      if (state.kind === 'entry') {
        bytes = await this.entryBytes(state, bytes);
        continue;
      }
      const used = state.kind === 'header' ? this.readHeader(bytes) : this.readDescriptor(bytes);
      if (used === 0) {
        this.carry = Buffer.from(bytes);
        return;
      }
      bytes = bytes.subarray(used);
    }
  }

  /** Parses a local file header (or sees the central directory); returns the bytes used, 0 if more are needed. */
  private readHeader(bytes: Buffer): number {
    if (bytes.length < 4) return 0;
    const signature = bytes.readUInt32LE(0);
    if (trailerSignatures.has(signature)) {
      this.state = { kind: 'trailer' };
      return bytes.length;
    }
    if (signature !== localFileHeader) {
      this.fail(
        fileRejected('malformed', 'not a readable XLSX workbook (unexpected bytes between its parts)'),
      );
      return bytes.length;
    }
    if (bytes.length < 30) return 0;
    const flags = bytes.readUInt16LE(6);
    const method = bytes.readUInt16LE(8);
    let compressedSize: number | undefined = bytes.readUInt32LE(18);
    const nameLength = bytes.readUInt16LE(26);
    const extraLength = bytes.readUInt16LE(28);
    const headerLength = 30 + nameLength + extraLength;
    if (bytes.length < headerLength) return 0;
    const name = bytes.toString('utf8', 30, 30 + nameLength);
    if (compressedSize === 0xffffffff)
      compressedSize = zip64CompressedSize(bytes.subarray(30 + nameLength, headerLength));
    const descriptor = (flags & usesDataDescriptor) !== 0;
    if (descriptor && compressedSize === 0) compressedSize = undefined;
    if (method !== 0 && method !== 8) {
      this.fail(
        fileRejected('malformed', `not a readable XLSX workbook (part '${name}' uses compression ${method})`),
      );
      return bytes.length;
    }
    if (method === 0 && compressedSize === undefined) {
      this.fail(
        fileRejected('malformed', `not a readable XLSX workbook (stored part '${name}' has no size)`),
      );
      return bytes.length;
    }
    this.run = 0;
    this.entryEnded = false;
    this.entryFailed = undefined;
    this.state = {
      kind: 'entry',
      name,
      stored: method === 0,
      remaining: compressedSize,
      descriptor,
      inflater: method === 8 ? this.createInflater(name) : undefined,
    };
    return headerLength;
  }

  /** Skips a data descriptor: optional signature, CRC-32 and the two 32-bit sizes. */
  private readDescriptor(bytes: Buffer): number {
    if (bytes.length < 16) return 0;
    this.state = { kind: 'header' };
    return bytes.readUInt32LE(0) === dataDescriptor ? 16 : 12;
  }

  /** Feeds an entry's compressed bytes through the meter; returns the bytes past the entry's end. */
  private async entryBytes(state: Extract<State, { kind: 'entry' }>, bytes: Buffer): Promise<Buffer> {
    const take = state.remaining === undefined ? bytes.length : Math.min(state.remaining, bytes.length);
    const piece = bytes.subarray(0, take);
    let rest = bytes.subarray(take);
    if (state.remaining !== undefined) state.remaining -= take;
    if (state.inflater === undefined) {
      this.measure(state.name, piece);
    } else {
      const consumedBefore = state.inflater.bytesWritten;
      await this.feed(state.inflater, piece, state.remaining === 0);
      if (this.entryFailed !== undefined) {
        this.fail(fileRejected('malformed', `not a readable XLSX workbook (${this.entryFailed.message})`));
        return Buffer.alloc(0);
      }
      if (state.remaining === undefined && this.entryEnded) {
        // The deflate stream ended inside this piece: what it did not consume starts the data descriptor.
        const consumed = state.inflater.bytesWritten - consumedBefore;
        rest = bytes.subarray(consumed);
        state.remaining = 0;
      }
    }
    if (state.remaining === 0) {
      state.inflater?.destroy();
      this.state = state.descriptor ? { kind: 'descriptor' } : { kind: 'header' };
    }
    return rest;
  }

  private createInflater(name: string): InflateRaw {
    const inflater = createInflateRaw();
    inflater.on('data', (inflated: Buffer) => this.measure(name, inflated));
    inflater.on('end', () => {
      this.entryEnded = true;
    });
    inflater.on('error', (error: Error) => {
      this.entryFailed = error;
    });
    return inflater;
  }

  /** Writes compressed bytes and waits until the inflater has processed them (and emitted 'end' if it ended). */
  private async feed(inflater: InflateRaw, piece: Buffer, last: boolean): Promise<void> {
    if (this.entryEnded || this.entryFailed !== undefined) return;
    await new Promise<void>((resolve) => {
      // A breach destroys the inflater mid-write: its 'close' settles the wait too.
      const done = () => {
        inflater.off('error', done);
        inflater.off('close', done);
        resolve();
      };
      inflater.once('error', done);
      inflater.once('close', done);
      if (last) inflater.end(piece, done);
      else inflater.write(piece, done);
    });
    // 'end' is emitted on a later tick than the write callback.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private measure(name: string, inflated: Buffer): void {
    if (this.violation !== undefined) return;
    this.inflatedTotal += inflated.length;
    if (this.inflatedTotal > this.limits.xlsxInflatedBytes) {
      this.fail(
        fileRejected(
          'too_large',
          `the XLSX workbook inflates to more than ${limitText(this.limits.xlsxInflatedBytes)} bytes`,
        ),
      );
      return;
    }
    if (name === 'xl/sharedStrings.xml') {
      this.sharedStrings += inflated.length;
      if (this.sharedStrings > this.limits.xlsxSharedStringsBytes) {
        this.fail(
          fileRejected(
            'too_large',
            `the XLSX shared strings inflate to more than ${limitText(this.limits.xlsxSharedStringsBytes)} bytes`,
          ),
        );
        return;
      }
    }
    let run = this.run;
    let longest = run;
    for (let index = 0; index < inflated.length; index++) {
      const byte = inflated[index];
      if (byte === lt || byte === gt) run = 0;
      else if (++run > longest) longest = run;
    }
    this.run = run;
    if (longest > this.limits.xlsxXmlRunBytes) {
      this.fail(
        fileRejected(
          'too_large',
          `a cell or tag in XLSX part '${name}' is longer than ${limitText(this.limits.xlsxXmlRunBytes)} bytes`,
        ),
      );
    }
  }

  private fail(refusal: FileRejectedError): void {
    this.violation ??= refusal;
    if (this.state.kind === 'entry') this.state.inflater?.destroy();
  }
}

/** The compressed size from a local header's zip64 extra field (id 1: uncompressed, then compressed size). */
function zip64CompressedSize(extra: Buffer): number | undefined {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 1 && size >= 16) return Number(extra.readBigUInt64LE(at + 12));
    at += 4 + size;
  }
  return undefined;
}
