import { beforeAll, describe, expect, it } from 'vitest';
import type { PartnerMonthSales } from '../../domain/reports/sales-summary';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoSalesSummaries } from '../../functions/adapters/dynamo-sales-summaries';
import { loadConfig } from '../../functions/shared/config';
import { createTestTable } from '../support/test-table';

let store: DynamoSalesSummaries;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  store = new DynamoSalesSummaries(createDocumentClient(config), config.TABLE_NAME);
});

const summary = (partnerId: string, revenue: string, month = '2026-03'): PartnerMonthSales => ({
  month,
  partnerId,
  cells: [{ category: 'CAT-A', currency: 'USD', quantity: '3.5', revenue, lines: 2 }],
  products: [
    { sku: 'SKU-1', quantity: '1.25' },
    { sku: 'SKU-2', quantity: '2.25' },
  ],
});

describe('DynamoSalesSummaries', () => {
  it('replaces a month whole: a partner no longer in it loses its summary, other months are untouched', async () => {
    // Arrange: 30 partners in March (more than one batch write), one in April.
    const march = Array.from({ length: 30 }, (_, index) => summary(`P${index}`, `${index}.00`));
    await store.replaceMonth('2026-03', march);
    await store.replaceMonth('2026-04', [summary('P1', '9.99', '2026-04')]);

    // Act: a later run read March again; P0 and P1 remain, P1 restated.
    await store.replaceMonth('2026-03', [summary('P0', '0.00'), summary('P1', '11.50')]);

    // Assert
    expect(await store.ofMonth('2026-03')).toEqual([summary('P0', '0.00'), summary('P1', '11.50')]);
    expect(await store.ofMonth('2026-03', 'P1')).toEqual([summary('P1', '11.50')]);
    expect(await store.ofMonth('2026-03', 'P7')).toEqual([]);
    expect(await store.ofMonth('2026-04')).toEqual([summary('P1', '9.99', '2026-04')]);
  });
});
