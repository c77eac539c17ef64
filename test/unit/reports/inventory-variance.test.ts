import { describe, expect, it } from 'vitest';
import type { InventorySnapshotLine } from '../../../domain/ingestion/ingest-types';
import { inventoryVariance } from '../../../domain/reports/inventory-variance';
import type { PartnerMonthSales } from '../../../domain/reports/sales-summary';

const snapshot = (
  sku: string,
  asOfDate: string,
  quantityOnHand: string,
  extra: Partial<InventorySnapshotLine> = {},
): InventorySnapshotLine => ({
  partnerId: 'P1',
  sourceFileId: 'F1',
  sourceLineNumber: 1,
  sku,
  asOfDate,
  uom: 'EA',
  quantityOnHand,
  ...extra,
});

const sold = (month: string, products: Record<string, string>): PartnerMonthSales => ({
  month,
  partnerId: 'P1',
  cells: [],
  products: Object.entries(products).map(([sku, quantity]) => ({ sku, quantity })),
});

const window = { from: '2026-02', to: '2026-03' };

describe('inventoryVariance', () => {
  it('SKU-A: 100 on 31 Jan (60 + 40 warehouses) + 30.5 received − (20 + 10.5) sold = 100 computed, 97 reported: −3 within 5 %', () => {
    const summary = inventoryVariance({
      window,
      snapshots: [
        snapshot('SKU-A', '2026-01-15', '500'),
        snapshot('SKU-A', '2026-01-31', '60', { warehouse: 'W1' }),
        snapshot('SKU-A', '2026-01-31', '40', { warehouse: 'W2' }),
        snapshot('SKU-A', '2026-02-28', '90', { quantityReceived: '10.5' }),
        snapshot('SKU-A', '2026-03-31', '97', { quantityReceived: '20' }),
      ],
      sales: [sold('2026-02', { 'SKU-A': '20' }), sold('2026-03', { 'SKU-A': '10.5' })],
    });

    expect(summary.skus).toEqual([
      {
        sku: 'SKU-A',
        openingDate: '2026-01-31',
        openingOnHand: '100',
        sellIn: '30.5',
        sellThrough: '30.5',
        computedOnHand: '100',
        reportedDate: '2026-03-31',
        reportedOnHand: '97',
        variance: '-3',
        offTolerance: false,
      },
    ]);
    expect(summary).toMatchObject({
      skusReported: 1,
      skusCompared: 1,
      skusOffTolerance: 0,
      varianceRate: '0.0300',
    });
  });

  it('sums two SKUs: 100 → 97 (−3) and 10 → 12.000001 (+2.000001, off 5 %): 5.000001 of 110 units = 4.55 %; a SKU without an opening is reported, not compared', () => {
    const summary = inventoryVariance({
      window,
      snapshots: [
        snapshot('SKU-A', '2026-01-31', '100'),
        snapshot('SKU-A', '2026-03-31', '97'),
        snapshot('SKU-B', '2026-01-31', '10'),
        snapshot('SKU-B', '2026-03-31', '12.000001'),
        snapshot('SKU-C', '2026-03-31', '5'),
        // Reported only in February: not at the window's end, so neither reported nor compared.
        snapshot('SKU-D', '2026-01-31', '1'),
        snapshot('SKU-D', '2026-02-10', '1'),
      ],
      sales: [sold('2026-03', { 'SKU-E': '4' })],
    });

    expect(summary).toEqual({
      skusReported: 3,
      skusCompared: 2,
      skusOffTolerance: 1,
      tolerance: '0.05',
      computedUnits: '110',
      reportedUnits: '109.000001',
      absoluteVarianceUnits: '5.000001',
      varianceRate: '0.0455',
      skus: [
        expect.objectContaining({ sku: 'SKU-A', variance: '-3', offTolerance: false }),
        expect.objectContaining({ sku: 'SKU-B', variance: '2.000001', offTolerance: true }),
      ],
    });
  });

  it('a SKU computed at 0 is off with any variance and gives no rate on its own; exactly 5 % is within', () => {
    const zero = inventoryVariance({
      window: { from: '2026-03', to: '2026-03' },
      snapshots: [snapshot('SKU-A', '2026-02-28', '10'), snapshot('SKU-A', '2026-03-31', '1')],
      sales: [sold('2026-03', { 'SKU-A': '10' })],
    });
    const edge = inventoryVariance({
      window: { from: '2026-03', to: '2026-03' },
      snapshots: [snapshot('SKU-A', '2026-02-28', '100'), snapshot('SKU-A', '2026-03-31', '105')],
      sales: [],
    });

    expect(zero.skus[0]).toMatchObject({ computedOnHand: '0', variance: '1', offTolerance: true });
    expect(zero.varianceRate).toBeNull();
    expect(edge.skus[0]?.offTolerance).toBe(false);
    expect(edge.varianceRate).toBe('0.0500');
  });
});
