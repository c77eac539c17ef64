import { ValidationError } from '../shared/errors';
import { ChannelTextDecoder } from './channel-text-decoder';
import { CsvTokenizer } from './csv-tokenizer';
import { compileDateFormat } from './date-text';
import { detectFormat } from './detect-format';
import { fileRejected } from './file-rejected-error';
import type {
  InventorySnapshotLine,
  NormalizedSaleLine,
  ParseChannelFileOptions,
  ParsedBatch,
  RejectedLine,
} from './ingest-types';
import { InventoryLineNormalizer } from './inventory-line-normalizer';
import type { LineNormalizer, LineSink, NormalizerSettings } from './line-normalizer';
import { type MappingProfile, mappingProfileSchema } from './mapping-profile';
import { SaleLineNormalizer } from './sale-line-normalizer';
import { TabularRecords } from './tabular-records';
import { X12SegmentReader } from './x12-segments';
import { X12Transactions, x12Columns } from './x12-transactions';
import { readFirstSheetRows } from './xlsx-rows';

const defaultBatchSize = 500;
/** Bytes read before deciding the format (enough for an ISA header, a ZIP signature, a text sniff). */
const sniffBytes = 1024;

/**
 * Collects lines into batches of about `size` consecutive records (accepted and rejected together). A batch
 * ends only where the source line number changes, so records sharing a number (the locations of one X12 852
 * SDQ segment) land in one batch and a checkpoint at a batch's last line number covers all of them.
 */
class BatchCollector implements LineSink {
  private accepted: (NormalizedSaleLine | InventorySnapshotLine)[] = [];
  private rejected: RejectedLine[] = [];
  private rawText = new Map<NormalizedSaleLine | InventorySnapshotLine, string>();
  private count = 0;
  private lastLine = 0;
  private ready: ParsedBatch[] = [];

  constructor(private readonly size: number) {}

  accept(line: NormalizedSaleLine | InventorySnapshotLine, sourceLineNumber: number, raw: string): void {
    this.startRecord(sourceLineNumber);
    this.accepted.push(line);
    this.rawText.set(line, raw);
  }

  reject(line: RejectedLine): void {
    this.startRecord(line.sourceLineNumber);
    this.rejected.push(line);
  }

  private startRecord(sourceLineNumber: number): void {
    if (this.count >= this.size && sourceLineNumber !== this.lastLine) this.cut();
    this.lastLine = sourceLineNumber;
    this.count++;
  }

  hasReady(): boolean {
    return this.ready.length > 0;
  }

  takeReady(): ParsedBatch[] {
    const ready = this.ready;
    this.ready = [];
    return ready;
  }

  flush(): ParsedBatch[] {
    if (this.count > 0) this.cut();
    return this.takeReady();
  }

  private cut(): void {
    this.ready.push({
      accepted: this.accepted,
      rejected: this.rejected,
      rawText: this.rawText,
      lastLineNumber: this.lastLine,
    });
    this.accepted = [];
    this.rawText = new Map();
    this.rejected = [];
    this.count = 0;
  }
}

/** Reads the first bytes for format detection and returns a stream that replays them. */
async function peek(
  chunks: AsyncIterable<Uint8Array>,
  wanted: number,
): Promise<{ head: Uint8Array; stream: AsyncIterable<Uint8Array> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const buffered: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < wanted) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    if (next.value.length === 0) continue;
    buffered.push(next.value);
    size += next.value.length;
  }
  const head = new Uint8Array(size);
  let offset = 0;
  for (const chunk of buffered) {
    head.set(chunk, offset);
    offset += chunk.length;
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    yield* buffered;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  return { head, stream: replay() };
}

function checkedProfile(options: ParseChannelFileOptions): MappingProfile {
  const parsed = mappingProfileSchema.safeParse(options.profile);
  if (!parsed.success) {
    throw new ValidationError(
      'Invalid mapping profile',
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  if (parsed.data.kind !== options.kind) {
    throw new ValidationError(`The mapping profile is for ${parsed.data.kind} files, not ${options.kind}`, [
      { path: 'kind', message: `must be '${options.kind}'` },
    ]);
  }
  return parsed.data;
}

/**
 * Streams a partner's channel file (CSV/TSV, XLSX or X12 867/852) into batches of normalized lines and
 * rejected lines, never holding the whole file.
 *
 * 1. Validates the mapping profile (zod, once) and sniffs the format from the first bytes.
 * 2. Decodes text incrementally (BOM stripped; UTF-8, Windows-1252 fallback or by profile).
 * 3. Tokenizes records (CSV: physical line of the record's start; XLSX: row; X12: segment number of the item).
 * 4. Compiles the header against the profile once, then validates and normalizes each record with compiled
 *    checks (no zod per line): dates, product and UoM conversion, quantities, prices, amounts to the cent.
 * 5. Yields batches of `batchSize` consecutive records; records at or before `startAfterLine` are skipped.
 *
 * Throws FileRejectedError for a file that cannot be ingested at all (empty, header only, missing or unknown
 * columns, undecodable, unsupported format); a bad line never stops the file.
 */
export async function* parseChannelFile(
  chunks: AsyncIterable<Uint8Array>,
  options: ParseChannelFileOptions,
): AsyncGenerator<ParsedBatch> {
  const profile = checkedProfile(options);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? defaultBatchSize));
  const startAfterLine = options.startAfterLine ?? 0;
  const batches = new BatchCollector(batchSize);
  const { head, stream } = await peek(chunks, sniffBytes);
  if (head.length === 0) throw fileRejected('empty_file', 'the file is empty');
  const format = detectFormat(options.fileName, options.contentType, head);
  const settings: NormalizerSettings = {
    partnerId: options.partnerId,
    sourceFileId: options.sourceFileId,
    products: options.products,
    dateFormat: profile.dateFormat,
    decimalSeparator: profile.decimalSeparator,
    thousandsSeparator: profile.thousandsSeparator,
    defaultUom: profile.defaultUom,
    defaultCurrency: profile.defaultCurrency,
  };

  if (format === 'x12') {
    const x12Settings: NormalizerSettings = {
      ...settings,
      dateFormat: 'YYYYMMDD',
      decimalSeparator: '.',
      thousandsSeparator: '',
    };
    const columns = x12Columns(options.kind);
    const normalizer: LineNormalizer =
      options.kind === 'pos'
        ? new SaleLineNormalizer(x12Settings, columns, batches)
        : new InventoryLineNormalizer(x12Settings, columns, batches);
    let transactions: X12Transactions | undefined;
    const segments = new X12SegmentReader((elements, number, raw) =>
      transactions?.onSegment(elements, number, raw),
    );
    transactions = new X12Transactions(
      options.kind,
      normalizer,
      batches,
      startAfterLine,
      () => segments.delimiters,
    );
    const decoder = new ChannelTextDecoder(profile.encoding);
    for await (const chunk of stream) {
      segments.push(decoder.decode(chunk));
      if (batches.hasReady()) yield* batches.takeReady();
    }
    segments.push(decoder.end());
    segments.end();
    transactions.finish();
    yield* batches.flush();
    return;
  }

  const records = new TabularRecords(profile, settings, batches, startAfterLine);
  if (format === 'xlsx') {
    const sheet = readFirstSheetRows(stream, {
      dates: compileDateFormat(profile.dateFormat),
      decimalSeparator: profile.decimalSeparator,
    });
    for await (const row of sheet) {
      records.onRecord(row.cells, row.rowNumber, row.raw);
      if (batches.hasReady()) yield* batches.takeReady();
    }
    records.finish();
    yield* batches.flush();
    return;
  }

  const decoder = new ChannelTextDecoder(profile.encoding);
  const tokenizer = new CsvTokenizer(
    profile.delimiter,
    Math.max(1, profile.headerRow),
    records.onRecord,
    records.onMalformed,
  );
  for await (const chunk of stream) {
    tokenizer.push(decoder.decode(chunk));
    if (batches.hasReady()) yield* batches.takeReady();
  }
  tokenizer.push(decoder.end());
  tokenizer.end();
  records.finish();
  yield* batches.flush();
}
