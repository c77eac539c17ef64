import { describe, expect, it } from 'vitest';
import type { ParsedBatch } from '../../../domain/ingestion/ingest-types';
import { defaultMappingProfile } from '../../../domain/ingestion/mapping-profile';
import { parseChannelFile } from '../../../domain/ingestion/parse-channel-file';
import { demoProducts } from '../../../infra/local/demo/demo-channel';
import { demoFiles } from '../../../infra/local/demo/demo-files';

const products = new Map(demoProducts.map((product) => [product.sku, product]));

async function parse(file: Awaited<ReturnType<typeof demoFiles>>[number]) {
  async function* chunks() {
    yield new Uint8Array(file.body);
  }
  const batches: ParsedBatch[] = [];
  for await (const batch of parseChannelFile(chunks(), {
    kind: file.kind,
    fileName: file.fileName,
    contentType: file.contentType,
    partnerId: file.partnerId,
    sourceFileId: 'demo',
    profile: { ...defaultMappingProfile(file.kind), defaultCurrency: 'USD' },
    products: { resolve: (sku) => products.get(sku), resolvePartnerSku: (sku) => products.get(sku) },
  })) {
    batches.push(batch);
  }
  return {
    accepted: batches.reduce((sum, batch) => sum + batch.accepted.length, 0),
    rejected: batches.flatMap((batch) => batch.rejected),
  };
}

describe('demo files', () => {
  it('cover CSV, XLSX, X12 867 and X12 852, each with real lines and a few deliberate rejections', async () => {
    const files = await demoFiles();
    const results = await Promise.all(files.map(parse));
    expect(files.map((file) => file.fileName.split('.').pop())).toEqual(['csv', 'xlsx', 'edi', 'edi']);
    expect(results.map((result) => result.accepted)).toEqual([150, 120, 80, 30]);
    expect(results.map((result) => result.rejected.length)).toEqual([2, 1, 1, 1]);
    for (const result of results) {
      for (const rejected of result.rejected) expect(rejected.reasons.length).toBeGreaterThan(0);
    }
  });
});
