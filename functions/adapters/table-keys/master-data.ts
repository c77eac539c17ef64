import type { ItemKey, ListIndexKey } from './item-key';

/**
 * Master data: partners, products, price lists and their entries.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | partner           | PARTNER#<partnerId>    | PROFILE                     | PARTNERS                  | <partnerType>#<id>      |
 * | product           | PRODUCT#<sku>          | PROFILE                     | PRODUCTS                  | <category>#<sku>        |
 * | price list        | PRICELIST#<id>         | HEADER                      | PRICELISTS                | <id>                    |
 * | price entry       | PRICELIST#<id>         | ENTRY#<sku>#<effectiveFrom> | PRICEENTRIES#<id>         | <sku>#<effectiveFrom>   |
 * | end customer      | ENDCUSTOMER#<id>       | PROFILE                     | ENDCUSTOMERS              | <segment>#<id>          |
 *
 * Access patterns (numbered across the table):
 * 1. get a partner / product / price list / price entry by id   → GetItem pk+sk
 * 2. list partners, optionally of one type                      → Query gsi1 PARTNERS, begins_with <partnerType>#
 * 3. list products, optionally of one category                  → Query gsi1 PRODUCTS, begins_with <category>#
 * 4. list price lists                                           → Query gsi1 PRICELISTS
 * 5. list a price list's entries, optionally of one product     → Query gsi1 PRICEENTRIES#<id>, begins_with <sku>#
 * 6. list end customers, optionally of one (current) segment     → Query gsi1 ENDCUSTOMERS, begins_with <segment>#
 * 7. the end customers a claim names                            → BatchGetItem pk+sk
 *
 * Master-data listings share one GSI partition per kind: they hold thousands of items, not millions.
 */

export const partnerKey = (partnerId: string): ItemKey => ({ pk: `PARTNER#${partnerId}`, sk: 'PROFILE' });
export const partnerListKey = (partnerType: string, partnerId: string): ListIndexKey => ({
  gsi1pk: 'PARTNERS',
  gsi1sk: `${partnerType}#${partnerId}`,
});

export const productKey = (sku: string): ItemKey => ({ pk: `PRODUCT#${sku}`, sk: 'PROFILE' });
export const productsPartition = 'PRODUCTS';
export const productListKey = (category: string, sku: string): ListIndexKey => ({
  gsi1pk: productsPartition,
  gsi1sk: `${category}#${sku}`,
});

export const priceListKey = (priceListId: string): ItemKey => ({
  pk: `PRICELIST#${priceListId}`,
  sk: 'HEADER',
});
export const priceListListKey = (priceListId: string): ListIndexKey => ({
  gsi1pk: 'PRICELISTS',
  gsi1sk: priceListId,
});

export const priceEntryKey = (priceListId: string, sku: string, effectiveFrom: string): ItemKey => ({
  pk: `PRICELIST#${priceListId}`,
  sk: `ENTRY#${sku}#${effectiveFrom}`,
});
export const priceEntriesPartition = (priceListId: string) => `PRICEENTRIES#${priceListId}`;
/** The list scope of one price list's entries, of one product when `sku` is given. */
export const priceEntriesScope = (priceListId: string, sku?: string) => ({
  gsi1pk: priceEntriesPartition(priceListId),
  ...(sku === undefined ? {} : { prefix: `${sku}#` }),
});
export const priceEntryListKey = (priceListId: string, sku: string, effectiveFrom: string): ListIndexKey => ({
  gsi1pk: priceEntriesPartition(priceListId),
  gsi1sk: `${sku}#${effectiveFrom}`,
});

export const endCustomerKey = (endCustomerId: string): ItemKey => ({
  pk: `ENDCUSTOMER#${endCustomerId}`,
  sk: 'PROFILE',
});
export const endCustomerListKey = (segment: string, endCustomerId: string): ListIndexKey => ({
  gsi1pk: 'ENDCUSTOMERS',
  gsi1sk: `${segment}#${endCustomerId}`,
});
/** The list scope of every end customer, or of those now in one segment. */
export const endCustomersScope = (segment?: string) => ({
  gsi1pk: 'ENDCUSTOMERS',
  ...(segment === undefined ? {} : { prefix: `${segment}#` }),
});
