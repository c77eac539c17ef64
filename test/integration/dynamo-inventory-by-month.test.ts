import { beforeAll, describe, expect, it } from 'vitest';
import type { InventorySnapshotLine } from '../../domain/ingestion/ingest-types';
import { DynamoChannelLines } from '../../functions/adapters/dynamo-channel-lines';
import { DynamoChannelQueries } from '../../functions/adapters/dynamo-channel-queries';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { loadConfig } from '../../functions/shared/config';
import { createTestTable } from '../support/test-table';

let queries: DynamoChannelQueries;

const snapshot = (
  partnerId: string,
  sku: string,
  asOfDate: string,
  warehouse: string,
  quantityOnHand: string,
): InventorySnapshotLine => ({
  partnerId,
  sourceFileId: 'F-852',
  sourceLineNumber: 1,
  sku,
  asOfDate,
  uom: 'EA',
  warehouse,
  quantityOnHand,
});

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  const client = createDocumentClient(config);
  queries = new DynamoChannelQueries(client, config.TABLE_NAME);
  const lines = [
    snapshot('P1', 'SKU-A', '2026-02-28', 'W1', '60'),
    snapshot('P1', 'SKU-A', '2026-02-28', 'W2', '40'),
    snapshot('P1', 'SKU-B', '2026-02-14', 'W1', '5'),
    snapshot('P1', 'SKU-A', '2026-03-31', 'W1', '97'),
    snapshot('P2', 'SKU-A', '2026-02-28', 'W1', '1'),
  ];
  await new DynamoChannelLines(client, config.TABLE_NAME).writeLines(
    'F-852',
    lines.map((line) => ({ line, outcome: 'accepted' as const, version: 1 })),
  );
});

describe("a partner's inventory snapshots of one month (the scorecard's read)", () => {
  it('reads every product and warehouse of P1 dated in February, nothing of March or of P2', async () => {
    const february = await queries.inventorySnapshotsOfMonth('P1', '2026-02');

    expect(
      february.map((line) => [line.sku, line.asOfDate, line.warehouse, line.quantityOnHand]).sort(),
    ).toEqual([
      ['SKU-A', '2026-02-28', 'W1', '60'],
      ['SKU-A', '2026-02-28', 'W2', '40'],
      ['SKU-B', '2026-02-14', 'W1', '5'],
    ]);
    expect(february.every((line) => !('gsi1pk' in line) && !('pk' in line))).toBe(true);
    expect(await queries.inventorySnapshotsOfMonth('P2', '2026-03')).toEqual([]);
  });
});
