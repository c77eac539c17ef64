import type { ProductData } from '../products/product';
import { BusinessRuleError } from '../shared/errors';
import type { RecordStore } from '../shared/ports';

/** What a what-if sale names: a product (its category then comes from the product record) or a category. */
export interface WhatIfItem {
  readonly sku?: string | undefined;
  readonly category?: string | undefined;
}

/** The SKU a sale of a category alone carries: no product, so only category-wide eligibility applies. */
export const anyProductOfCategory = 'WHAT-IF';

/**
 * Resolves a what-if sale's product and category against the product catalog, as ingestion resolves an
 * uploaded line: an unknown SKU or category is a 422 with the field, and a SKU's category is the one on its
 * product record (a different category in the request is refused rather than silently replaced).
 */
export async function resolveWhatIfItem(
  products: RecordStore<ProductData>,
  item: WhatIfItem,
): Promise<{ readonly sku: string; readonly category: string }> {
  if (item.sku !== undefined) {
    const product = await products.get(item.sku);
    if (product === undefined) {
      throw new BusinessRuleError(`unknown product '${item.sku}'`, [
        { path: 'sku', message: `unknown product '${item.sku}'` },
      ]);
    }
    if (item.category !== undefined && item.category !== product.category) {
      const message = `product '${item.sku}' is in category '${product.category}', not '${item.category}'; leave category out`;
      throw new BusinessRuleError(message, [{ path: 'category', message }]);
    }
    return { sku: product.sku, category: product.category };
  }
  if (item.category === undefined) {
    // The request schema requires one of the two; a caller that skips it gets the same answer.
    throw new BusinessRuleError('name a product (sku) or a category', [
      { path: 'sku', message: 'is required' },
    ]);
  }
  const page = await products.list({ limit: 1, group: item.category });
  if (!page.items.some((product) => product.category === item.category)) {
    throw new BusinessRuleError(`unknown category '${item.category}'`, [
      { path: 'category', message: `no product is in category '${item.category}'` },
    ]);
  }
  return { sku: anyProductOfCategory, category: item.category };
}
