import { beforeAll, describe, expect, it } from 'vitest';
import type { SalesSummaryStore } from '../../domain/reports/ports';
import type { PartnerMonthSales } from '../../domain/reports/sales-summary';

const summary = (partnerId: string, revenue: string, month = '2026-03'): PartnerMonthSales => ({
  month,
  partnerId,
  cells: [{ category: 'CAT-A', currency: 'USD', quantity: '3.5', revenue, lines: 2 }],
  products: [
    { sku: 'SKU-1', quantity: '1.25' },
    { sku: 'SKU-2', quantity: '2.25' },
  ],
});

/**
 * The SalesSummaryStore contract, run against the in-memory fake (unit suite) and the DynamoDB adapter
 * (integration suite): a month is replaced whole (a partner no longer in it loses its summary, other months
 * are untouched) and reads back exactly, its partners in the byte order of their ids (the sort key).
 */
export function salesSummaryStoreContract(label: string, open: () => Promise<SalesSummaryStore>) {
  describe(`${label} keeps the SalesSummaryStore contract`, () => {
    let store: SalesSummaryStore;

    beforeAll(async () => {
      store = await open();
    });

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

    it('reads a month back in the byte order of partner ids, whatever order it was written in', async () => {
      const written = ['P2', 'P10', 'P_1', 'P-1', 'P1'].map((partnerId) =>
        summary(partnerId, '1.00', '2026-05'),
      );
      await store.replaceMonth('2026-05', written);
      expect((await store.ofMonth('2026-05')).map((each) => each.partnerId)).toEqual([
        'P-1',
        'P1',
        'P10',
        'P2',
        'P_1',
      ]);
    });
  });
}
