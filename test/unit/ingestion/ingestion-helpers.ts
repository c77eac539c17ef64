import type {
  InventorySnapshotLine,
  NormalizedSaleLine,
  ParseChannelFileOptions,
  ProductLookup,
  ProductRef,
  RejectedLine,
} from '../../../domain/ingestion/ingest-types';
import { defaultMappingProfile } from '../../../domain/ingestion/mapping-profile';
import { parseChannelFile } from '../../../domain/ingestion/parse-channel-file';

/** A small catalog: SW-1 (EA, CS of 12), CAB-2 (M, RL of 50.5), known by partner SKU and UPC too. */
export const catalog: readonly ProductRef[] = [
  { sku: 'SW-1', category: 'SWITCHES', baseUom: 'EA', uomConversions: [{ uom: 'CS', factor: '12' }] },
  { sku: 'CAB-2', category: 'CABLES', baseUom: 'M', uomConversions: [{ uom: 'RL', factor: '50.5' }] },
  { sku: 'ITEM001', category: 'WIDGETS', baseUom: 'EA', uomConversions: [{ uom: 'CA', factor: '10' }] },
];

const aliases = new Map<string, string>([
  ['P-SW1', 'SW-1'],
  ['012345678905', 'SW-1'],
  ['012345678912', 'CAB-2'],
]);

/** Our catalog; partner SKUs resolve through `aliases` (the partner's cross-reference), else as our SKU. */
export const products: ProductLookup = {
  resolve: (sku) => catalog.find((product) => product.sku === sku),
  resolvePartnerSku(partnerSku) {
    const ours = aliases.get(partnerSku) ?? partnerSku;
    return catalog.find((product) => product.sku === ours);
  },
};

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

export async function* chunked(
  data: Uint8Array,
  sizes: readonly number[] = [data.length],
): AsyncGenerator<Uint8Array> {
  let offset = 0;
  let index = 0;
  while (offset < data.length) {
    const size = Math.max(1, sizes[index % sizes.length] ?? data.length);
    yield data.subarray(offset, offset + size);
    offset += size;
    index++;
  }
}

export interface Parsed {
  accepted: (NormalizedSaleLine | InventorySnapshotLine)[];
  rejected: RejectedLine[];
  batches: number;
  lastLineNumbers: number[];
}

/** Runs the parser to the end and gathers every batch. */
export async function parseAll(
  data: Uint8Array,
  overrides: Partial<ParseChannelFileOptions> = {},
  sizes?: readonly number[],
): Promise<Parsed> {
  const kind = overrides.kind ?? 'pos';
  const result: Parsed = { accepted: [], rejected: [], batches: 0, lastLineNumbers: [] };
  for await (const batch of parseChannelFile(chunked(data, sizes), {
    kind,
    fileName: 'report.csv',
    contentType: 'text/csv',
    partnerId: 'DIST-1',
    sourceFileId: 'FILE-1',
    profile: defaultMappingProfile(kind),
    products,
    ...overrides,
  })) {
    result.accepted.push(...batch.accepted);
    result.rejected.push(...batch.rejected);
    result.batches++;
    result.lastLineNumbers.push(batch.lastLineNumber);
  }
  return result;
}

export const sales = (parsed: Parsed): NormalizedSaleLine[] => parsed.accepted as NormalizedSaleLine[];
export const inventory = (parsed: Parsed): InventorySnapshotLine[] =>
  parsed.accepted as InventorySnapshotLine[];
