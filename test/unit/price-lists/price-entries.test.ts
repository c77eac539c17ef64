import { describe, expect, it } from 'vitest';
import { createCatalogRecord } from '../../../domain/master-data/catalog-use-cases';
import { priceListCatalog } from '../../../domain/price-lists/catalog';
import { addPriceEntry, correctPriceEntry, priceOn } from '../../../domain/price-lists/price-entry-use-cases';
import type {
  PriceEntryData,
  PriceEntryGroup,
  PriceEntryId,
  PriceListData,
} from '../../../domain/price-lists/price-list';
import type { ProductData } from '../../../domain/products/product';
import { BusinessRuleError, ForbiddenError, NotFoundError } from '../../../domain/shared/errors';
import { admin, finance, partnerUser } from '../../support/actors';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';
import { productData } from '../../support/master-data-fixtures';

async function priceListWithProduct() {
  const deps = {
    priceLists: new InMemoryRecordStore<PriceListData>((p) => p.priceListId),
    priceEntries: new InMemoryRecordStore<PriceEntryData, PriceEntryId, PriceEntryGroup>(
      (e) => ({ priceListId: e.priceListId, sku: e.sku, effectiveFrom: e.effectiveFrom }),
      (e) => ({ priceListId: e.priceListId, sku: e.sku }),
    ),
    products: new InMemoryRecordStore<ProductData>((p) => p.sku),
    clock: fixedClock(),
  };
  await deps.products.create({ ...productData('SW-1'), version: 1, createdAt: 'x', updatedAt: 'x' });
  await createCatalogRecord(priceListCatalog(deps), admin, {
    priceListId: 'US-2026',
    name: 'US',
    currency: 'USD',
    status: 'active',
  });
  return deps;
}

const entry = (effectiveFrom: string, listPrice: string, bookCost: string) => ({
  priceListId: 'US-2026',
  sku: 'SW-1',
  effectiveFrom,
  listPrice,
  bookCost,
});

describe('price entries', () => {
  it("stores prices in the list's currency, canonicalized to its minor units", async () => {
    const deps = await priceListWithProduct();
    const stored = await addPriceEntry(deps, admin, entry('2026-01-01', '420', '294.5'));
    expect(stored).toMatchObject({ currency: 'USD', listPrice: '420.00', bookCost: '294.50', version: 1 });
  });

  it('refuses an entry for a product that does not exist', async () => {
    const deps = await priceListWithProduct();
    await expect(
      addPriceEntry(deps, admin, { ...entry('2026-01-01', '1', '1'), sku: 'NOPE' }),
    ).rejects.toBeInstanceOf(BusinessRuleError);
  });

  it('finds the price in force on a date, and when it stops holding (mid-year price drop)', async () => {
    const deps = await priceListWithProduct();
    await addPriceEntry(deps, admin, entry('2026-01-01', '420.00', '294.00'));
    await addPriceEntry(deps, admin, entry('2026-07-01', '386.40', '270.48'));

    const june = await priceOn(deps, finance, { priceListId: 'US-2026', sku: 'SW-1', date: '2026-06-30' });
    expect(june.entry.listPrice).toBe('420.00');
    expect(june.effectiveUntil).toBe('2026-07-01');

    const july = await priceOn(deps, finance, { priceListId: 'US-2026', sku: 'SW-1', date: '2026-07-01' });
    expect(july.entry.listPrice).toBe('386.40');
    expect(july.effectiveUntil).toBeUndefined();
  });

  it('has no price before the first entry', async () => {
    const deps = await priceListWithProduct();
    await addPriceEntry(deps, admin, entry('2026-01-01', '420.00', '294.00'));
    await expect(
      priceOn(deps, finance, { priceListId: 'US-2026', sku: 'SW-1', date: '2025-12-31' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('corrects an entry with optimistic concurrency', async () => {
    const deps = await priceListWithProduct();
    await addPriceEntry(deps, admin, entry('2026-01-01', '420.00', '294.00'));
    const corrected = await correctPriceEntry(deps, admin, {
      ...entry('2026-01-01', '410', '287'),
      expectedVersion: 1,
    });
    expect(corrected).toMatchObject({ listPrice: '410.00', bookCost: '287.00', version: 2 });
  });

  it('keeps book cost from partners', async () => {
    const deps = await priceListWithProduct();
    await expect(
      priceOn(deps, partnerUser('DIST-1'), { priceListId: 'US-2026', sku: 'SW-1', date: '2026-03-01' }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
