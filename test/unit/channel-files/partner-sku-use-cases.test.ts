import { describe, expect, it } from 'vitest';
import {
  getPartnerSku,
  listPartnerSkus,
  type PartnerSkuId,
  type PartnerSkuRecord,
  partnerSkuSchema,
  savePartnerSku,
} from '../../../domain/channel-files/partner-sku-use-cases';
import type { ProductData } from '../../../domain/products/product';
import {
  AlreadyExistsError,
  BusinessRuleError,
  ForbiddenError,
  NotFoundError,
  VersionConflictError,
} from '../../../domain/shared/errors';
import { admin, approver, channelManager, finance, partnerUser } from '../../support/actors';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';
import { productData } from '../../support/master-data-fixtures';

function deps() {
  const products = new InMemoryRecordStore<ProductData>((product) => product.sku);
  for (const sku of ['SW-100', 'SW-200']) {
    products.records.set(sku, { ...productData(sku), version: 1, createdAt: 'x', updatedAt: 'x' });
  }
  return {
    // Listed per partner, as the table's PARTNERSKUS#<partnerId> partition does.
    partnerSkus: new InMemoryRecordStore<PartnerSkuRecord, PartnerSkuId>(
      (record) => ({ partnerId: record.partnerId, partnerSku: record.partnerSku }),
      (record) => record.partnerId,
    ),
    products,
    clock: fixedClock(),
  };
}

const save = (d: ReturnType<typeof deps>, partnerId: string, partnerSku: string, sku = 'SW-100') =>
  savePartnerSku(d, channelManager, { partnerId, partnerSku, mapping: { sku } });

describe('savePartnerSku', () => {
  it("creates a cross-reference from the partner's item number to one of our products", async () => {
    // Arrange
    const d = deps();

    // Act
    const saved = await savePartnerSku(d, channelManager, {
      partnerId: 'DIST-1',
      partnerSku: 'abc 100/blue',
      mapping: { sku: 'SW-100', description: 'Switch 100, blue' },
    });

    // Assert
    expect(saved).toEqual({
      partnerId: 'DIST-1',
      partnerSku: 'abc 100/blue',
      sku: 'SW-100',
      description: 'Switch 100, blue',
      version: 1,
      createdAt: '2026-03-01T12:00:00.000Z',
      updatedAt: '2026-03-01T12:00:00.000Z',
    });
    expect(await d.partnerSkus.get({ partnerId: 'DIST-1', partnerSku: 'abc 100/blue' })).toEqual(saved);
  });

  it('re-points the version the caller read, and refuses a stale one', async () => {
    const d = deps();
    await save(d, 'DIST-1', 'A-1');

    const moved = await savePartnerSku(d, admin, {
      partnerId: 'DIST-1',
      partnerSku: 'A-1',
      mapping: { sku: 'SW-200' },
      expectedVersion: 1,
    });

    expect(moved).toMatchObject({ sku: 'SW-200', version: 2 });
    await expect(
      savePartnerSku(d, admin, {
        partnerId: 'DIST-1',
        partnerSku: 'A-1',
        mapping: { sku: 'SW-100' },
        expectedVersion: 1,
      }),
    ).rejects.toBeInstanceOf(VersionConflictError);
  });

  it('refuses to create a cross-reference twice without a version', async () => {
    const d = deps();
    await save(d, 'DIST-1', 'A-1');
    await expect(save(d, 'DIST-1', 'A-1', 'SW-200')).rejects.toBeInstanceOf(AlreadyExistsError);
  });

  it('refuses a product that does not exist, naming the field, on create and on re-point', async () => {
    // Arrange
    const d = deps();
    await save(d, 'DIST-1', 'A-1');

    // Act
    const onCreate = await save(d, 'DIST-1', 'A-2', 'NOPE').catch((e: unknown) => e);
    const onRepoint = await savePartnerSku(d, channelManager, {
      partnerId: 'DIST-1',
      partnerSku: 'A-1',
      mapping: { sku: 'NOPE' },
      expectedVersion: 1,
    }).catch((e: unknown) => e);

    // Assert
    for (const error of [onCreate, onRepoint]) {
      expect(error).toBeInstanceOf(BusinessRuleError);
      expect((error as BusinessRuleError).issues).toEqual([
        { path: 'sku', message: 'must be an existing product' },
      ]);
    }
    expect(await d.partnerSkus.get({ partnerId: 'DIST-1', partnerSku: 'A-2' })).toBeUndefined();
    expect((await d.partnerSkus.get({ partnerId: 'DIST-1', partnerSku: 'A-1' }))?.sku).toBe('SW-100');
  });

  it.each([
    ['finance', finance],
    ['approver', approver],
    ['the partner itself', partnerUser('DIST-1')],
  ])('is refused to %s', async (_who, actor) => {
    const d = deps();
    await expect(
      savePartnerSku(d, actor, { partnerId: 'DIST-1', partnerSku: 'A-1', mapping: { sku: 'SW-100' } }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(d.partnerSkus.records.size).toBe(0);
  });
});

describe('reading cross-references', () => {
  async function seeded() {
    const d = deps();
    await save(d, 'DIST-1', 'B-2');
    await save(d, 'DIST-1', 'A-1');
    await save(d, 'DIST-2', 'A-1', 'SW-200');
    return d;
  }

  it('lets a partner read its own cross-reference', async () => {
    const d = await seeded();
    const own = await getPartnerSku(d, partnerUser('DIST-1'), { partnerId: 'DIST-1', partnerSku: 'A-1' });
    expect(own).toMatchObject({ partnerId: 'DIST-1', sku: 'SW-100' });
  });

  it("answers NotFoundError for another partner's cross-reference, and for a missing one", async () => {
    const d = await seeded();
    await expect(
      getPartnerSku(d, partnerUser('DIST-1'), { partnerId: 'DIST-2', partnerSku: 'A-1' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      getPartnerSku(d, finance, { partnerId: 'DIST-1', partnerSku: 'ZZZ' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await getPartnerSku(d, finance, { partnerId: 'DIST-2', partnerSku: 'A-1' })).sku).toBe('SW-200');
  });

  it("lists one partner's cross-references in partner-SKU order", async () => {
    const d = await seeded();

    const own = await listPartnerSkus(d, partnerUser('DIST-1'), { partnerId: 'DIST-1', page: { limit: 10 } });
    const other = await listPartnerSkus(d, channelManager, { partnerId: 'DIST-2', page: { limit: 10 } });

    expect(own.items.map((item) => `${item.partnerId}/${item.partnerSku}`)).toEqual([
      'DIST-1/A-1',
      'DIST-1/B-2',
    ]);
    expect(other.items.map((item) => `${item.partnerId}/${item.partnerSku}`)).toEqual(['DIST-2/A-1']);
    await expect(
      listPartnerSkus(d, partnerUser('DIST-1'), { partnerId: 'DIST-2', page: { limit: 10 } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('partnerSkuSchema', () => {
  it('accepts free text from a partner ERP but not blanks at the ends, control characters or over 64 characters', () => {
    expect(partnerSkuSchema.safeParse('abc 100/blue').success).toBe(true);
    expect(partnerSkuSchema.safeParse(' abc').success).toBe(false);
    expect(partnerSkuSchema.safeParse('a\tb').success).toBe(false);
    expect(partnerSkuSchema.safeParse('x'.repeat(65)).success).toBe(false);
    expect(partnerSkuSchema.safeParse('').success).toBe(false);
  });
});
