import { beforeAll, describe, expect, it } from 'vitest';
import { storeChannelLines } from '../../domain/channel-files/store-channel-lines';
import type { NormalizedSaleLine } from '../../domain/ingestion/ingest-types';
import type { PartnerData } from '../../domain/partners/partner';
import type { RecordStore } from '../../domain/shared/ports';
import { DynamoChannelLines } from '../../functions/adapters/dynamo-channel-lines';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { DynamoRunLineSource } from '../../functions/adapters/run-line-source';
import { loadConfig } from '../../functions/shared/config';
import { partnerData } from '../support/master-data-fixtures';
import { runLineSourceContract } from '../support/run-line-source-contract';
import { createTestTable } from '../support/test-table';

let source: DynamoRunLineSource;
let store: DynamoChannelLines;
let partners: RecordStore<PartnerData>;

const meta = { version: 1, createdAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z' };

const saleLine = (partnerId: string, index: number, invoiceDate: string): NormalizedSaleLine => ({
  partnerId,
  sourceFileId: `F-${partnerId}`,
  sourceLineNumber: index + 2,
  invoiceNumber: `INV-${index}`,
  invoiceLine: '1',
  invoiceDate,
  sku: 'SKU-1',
  partnerSku: 'P-SKU-1',
  category: 'SWITCHES',
  quantity: '2',
  uom: 'EA',
  reportedQuantity: '2',
  reportedUom: 'EA',
  extendedAmount: `${index}.50`,
  currency: 'USD',
  endCustomerId: 'END-1',
  custom: { region: 'east' },
});

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  const client = createDocumentClient(config);
  partners = masterDataStores(client, config.TABLE_NAME).partners;
  for (const partnerId of ['P-A', 'P-B', 'P-C'])
    await partners.create({ ...partnerData(partnerId), ...meta });
  source = new DynamoRunLineSource(partners, client, config.TABLE_NAME);
  store = new DynamoChannelLines(client, config.TABLE_NAME);
});

const idsOf = (lines: readonly { partnerId: string; invoiceNumber: string }[]) =>
  lines.map((line) => `${line.partnerId}/${line.invoiceNumber}`).sort();

async function read(month: string, partnerId?: string) {
  const lines = [];
  for await (const line of source.salesInMonth(month, partnerId)) lines.push(line);
  return lines;
}

describe('DynamoRunLineSource', () => {
  it("reads every partner's lines of a month across all 16 shards, several partitions at a time, with only the fields a run uses", async () => {
    // Arrange: 60 April lines for P-A and P-B (spread over the shards by invoice), 5 March lines for P-A, none for P-C.
    const april = ['P-A', 'P-B'].flatMap((partnerId) =>
      Array.from({ length: 60 }, (_, index) => saleLine(partnerId, index, '2026-04-15')),
    );
    const march = Array.from({ length: 5 }, (_, index) => saleLine('P-A', 100 + index, '2026-03-31'));
    await storeChannelLines(store, 'F-P-A', [...april.filter((line) => line.partnerId === 'P-A'), ...march]);
    await storeChannelLines(
      store,
      'F-P-B',
      april.filter((line) => line.partnerId === 'P-B'),
    );

    // Act
    const aprilRead = await read('2026-04');
    const onlyB = await read('2026-04', 'P-B');

    // Assert: each April line once, no March line; P-B alone when asked; stored keys and fields a run never reads left out.
    expect(idsOf(aprilRead)).toEqual(idsOf(april));
    expect(idsOf(onlyB)).toEqual(idsOf(april.filter((line) => line.partnerId === 'P-B')));
    const first = aprilRead.find((line) => line.partnerId === 'P-A' && line.invoiceNumber === 'INV-7');
    expect(first).toEqual({
      partnerId: 'P-A',
      sourceFileId: 'F-P-A',
      sourceLineNumber: 9,
      invoiceNumber: 'INV-7',
      invoiceLine: '1',
      invoiceDate: '2026-04-15',
      sku: 'SKU-1',
      category: 'SWITCHES',
      quantity: '2',
      uom: 'EA',
      extendedAmount: '7.50',
      currency: 'USD',
      endCustomerId: 'END-1',
      custom: { region: 'east' },
    });
    expect(await read('2026-05')).toEqual([]);
  });
});

runLineSourceContract('DynamoRunLineSource', async () => ({
  source,
  // Stored as ingest stores them, each partner known to the partner store (runs list partners there).
  store: async (fileId, lines) => {
    for (const partnerId of new Set(lines.map((each) => each.partnerId))) {
      if ((await partners.get(partnerId)) === undefined)
        await partners.create({ ...partnerData(partnerId), ...meta });
    }
    await storeChannelLines(
      store,
      fileId,
      lines.map(
        (each) =>
          ({
            ...each,
            reportedQuantity: each.quantity,
            reportedUom: each.uom,
            custom: each.custom ?? {},
          }) as NormalizedSaleLine,
      ),
    );
  },
}));
