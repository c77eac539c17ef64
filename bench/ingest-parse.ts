/**
 * Ingestion parse benchmark (issue 3): a seeded, deterministic 1,000,000-line POS CSV (~100 bytes a line) built
 * in memory, measured in lines/s by
 *   (a) the raw limit: decode + split lines and fields on the delimiter, no validation;
 *   (b) papaparse on the same text;
 *   (c) our whole parseChannelFile pipeline (decode, tokenize, map, validate, normalize), fed 64 KiB chunks.
 * Run: `npx tsx bench/ingest-parse.ts [lines]`. Each figure is the median of 3 runs after a warm-up.
 */
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Papa from 'papaparse';
import type { ProductLookup, ProductRef } from '../domain/ingestion/ingest-types';
import { defaultMappingProfile } from '../domain/ingestion/mapping-profile';
import { parseChannelFile } from '../domain/ingestion/parse-channel-file';
import { seededRandom } from '../test/support/seeded-random';

const chunkSize = 64 * 1024;
const header =
  'invoice_number,invoice_line,invoice_date,sku,quantity,uom,unit_price,extended_amount,currency,end_customer_id,ship_to,salesperson,warehouse';

const productCount = 2_000;
const skuOf = (index: number): string => `SKU-${String(index).padStart(5, '0')}`;

/** Builds the CSV: mostly eaches, some cases of 12, ~3% returns, prices with cents, amounts = qty × price. */
export function generatePosCsv(lines: number, seed = 20260315): Buffer {
  const random = seededRandom(seed);
  const out: string[] = [header];
  for (let index = 0; index < lines; index++) {
    const invoice = `INV-${String(1_000_000 + Math.floor(index / 4)).padStart(8, '0')}`;
    const line = (index % 4) + 1;
    const day = 1 + Math.floor(random() * 28);
    const month = 1 + Math.floor(random() * 12);
    const date = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const sku = skuOf(Math.floor(random() * productCount));
    const cases = random() < 0.2;
    let quantity = 1 + Math.floor(random() * 48);
    if (random() < 0.03) quantity = -quantity;
    const priceCents = 199 + Math.floor(random() * 250_000);
    const unitPrice = (cases ? priceCents * 12 : priceCents) / 100;
    const priceText = unitPrice.toFixed(2);
    const amountCents = BigInt(quantity) * BigInt(Math.round(unitPrice * 100));
    const amountText = `${amountCents < 0n ? '-' : ''}${(amountCents < 0n ? -amountCents : amountCents) / 100n}.${String((amountCents < 0n ? -amountCents : amountCents) % 100n).padStart(2, '0')}`;
    const customer = `CUST-${String(Math.floor(random() * 50_000)).padStart(6, '0')}`;
    const shipTo = `ST-${String(Math.floor(random() * 9_000)).padStart(5, '0')}`;
    const rep = `REP-${String(Math.floor(random() * 300)).padStart(3, '0')}`;
    const warehouse = `WH-${String(Math.floor(random() * 20)).padStart(2, '0')}`;
    out.push(
      `${invoice},${line},${date},${sku},${quantity},${cases ? 'CS' : 'EA'},${priceText},${amountText},USD,${customer},${shipTo},${rep},${warehouse}`,
    );
  }
  return Buffer.from(`${out.join('\n')}\n`, 'utf8');
}

function productLookup(): ProductLookup {
  const products = new Map<string, ProductRef>();
  for (let index = 0; index < productCount; index++) {
    const sku = skuOf(index);
    products.set(sku, {
      sku,
      category: `CAT-${index % 17}`,
      baseUom: 'EA',
      uomConversions: [{ uom: 'CS', factor: '12' }],
    });
  }
  return { resolve: (sku) => products.get(sku), resolvePartnerSku: (sku) => products.get(sku) };
}

async function* chunksOf(data: Buffer): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < data.length; offset += chunkSize)
    yield data.subarray(offset, offset + chunkSize);
}

/** (a) Decode chunk by chunk, split lines, split fields on ','; count records. */
function rawSplit(data: Buffer): number {
  const decoder = new TextDecoder();
  let carry = '';
  let records = 0;
  let fields = 0;
  for (let offset = 0; offset < data.length; offset += chunkSize) {
    const text = carry + decoder.decode(data.subarray(offset, offset + chunkSize), { stream: true });
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      if (line.length === 0) continue;
      fields += line.split(',').length;
      records++;
    }
  }
  const last = carry + decoder.decode();
  if (last.length > 0) {
    fields += last.split(',').length;
    records++;
  }
  return fields > 0 ? records - 1 : 0;
}

/** (b) papaparse over the decoded text, default (RFC) mode. */
function papaparse(data: Buffer): number {
  const result = Papa.parse<string[]>(new TextDecoder().decode(data), { skipEmptyLines: true });
  return result.data.length - 1;
}

/** (c) Our pipeline; checks every line was accepted so the figure measures real work. */
async function ours(data: Buffer, products: ProductLookup): Promise<number> {
  let accepted = 0;
  let rejected = 0;
  for await (const batch of parseChannelFile(chunksOf(data), {
    kind: 'pos',
    fileName: 'bench.csv',
    contentType: 'text/csv',
    partnerId: 'P-1',
    sourceFileId: 'F-1',
    profile: defaultMappingProfile('pos'),
    products,
  })) {
    accepted += batch.accepted.length;
    rejected += batch.rejected.length;
  }
  if (rejected > 0) throw new Error(`benchmark data produced ${rejected} rejected lines`);
  return accepted;
}

/** A full collection between contenders, so no one pays for the garbage another left behind. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

async function linesPerSecond(run: () => number | Promise<number>, expected: number): Promise<number> {
  const rates: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    collectGarbage();
    const started = process.hrtime.bigint();
    const lines = await run();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (lines !== expected) throw new Error(`expected ${expected} lines, counted ${lines}`);
    rates.push(lines / seconds);
  }
  rates.sort((a, b) => a - b);
  return rates[1] ?? 0;
}

/** Runs the benchmark and returns lines/s per contender plus the ratio ours/raw. */
export async function runIngestParseBench(lines = 1_000_000): Promise<Record<string, number>> {
  const products = productLookup();
  const warmUp = generatePosCsv(50_000, 7);
  rawSplit(warmUp);
  papaparse(warmUp);
  await ours(warmUp, products);

  const data = generatePosCsv(lines);
  const raw = await linesPerSecond(() => rawSplit(data), lines);
  const pipeline = await linesPerSecond(() => ours(data, products), lines);
  const papa = await linesPerSecond(() => papaparse(data), lines);
  return {
    lines,
    bytesPerLine: Math.round(data.length / (lines + 1)),
    rawSplitLinesPerSecond: Math.round(raw),
    papaparseLinesPerSecond: Math.round(papa),
    parseChannelFileLinesPerSecond: Math.round(pipeline),
    ratioOursToRaw: Number((pipeline / raw).toFixed(3)),
  };
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const lines = Number(process.argv[2] ?? 1_000_000);
  const result = await runIngestParseBench(lines);
  const format = (value: number | undefined): string => (value ?? 0).toLocaleString('en-US');
  console.log(
    `POS CSV: ${format(result.lines)} lines, ~${result.bytesPerLine} bytes/line, 64 KiB chunks, one core`,
  );
  console.log('| pipeline                               | lines/s      |');
  console.log('|----------------------------------------|--------------|');
  console.log(
    `| (a) raw: decode + split lines/fields   | ${format(result.rawSplitLinesPerSecond).padStart(12)} |`,
  );
  console.log(
    `| (b) papaparse                          | ${format(result.papaparseLinesPerSecond).padStart(12)} |`,
  );
  console.log(
    `| (c) parseChannelFile (full pipeline)   | ${format(result.parseChannelFileLinesPerSecond).padStart(12)} |`,
  );
  console.log(`ratio ours/raw = ${result.ratioOursToRaw} (goal >= 0.5)`);
}
