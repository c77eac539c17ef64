/**
 * Single-table design: every key ChRM writes is built here.
 *
 * Table: pk (S), sk (S); GSI gsi1: gsi1pk (S), gsi1sk (S), projection ALL.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | partner           | PARTNER#<partnerId>    | PROFILE                     | PARTNERS                  | <partnerType>#<id>      |
 * | product           | PRODUCT#<sku>          | PROFILE                     | PRODUCTS                  | <category>#<sku>        |
 * | price list        | PRICELIST#<id>         | HEADER                      | PRICELISTS                | <id>                    |
 * | price entry       | PRICELIST#<id>         | ENTRY#<sku>#<effectiveFrom> | PRICEENTRIES#<id>         | <sku>#<effectiveFrom>   |
 *
 * Access patterns:
 * 1. get a partner / product / price list / price entry by id   → GetItem pk+sk
 * 2. list partners, optionally of one type                      → Query gsi1 PARTNERS, begins_with <partnerType>#
 * 3. list products, optionally of one category                  → Query gsi1 PRODUCTS, begins_with <category>#
 * 4. list price lists                                           → Query gsi1 PRICELISTS
 * 5. list a price list's entries, optionally of one product     → Query gsi1 PRICEENTRIES#<id>, begins_with <sku>#
 *
 * Master-data listings share one GSI partition per kind: they hold thousands of items, not millions, and are
 * read rarely compared with channel data, which gets partition keys spread over partner, period and shard.
 */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export interface ListIndexKey {
  readonly gsi1pk: string;
  readonly gsi1sk: string;
}

export const partnerKey = (partnerId: string): ItemKey => ({ pk: `PARTNER#${partnerId}`, sk: 'PROFILE' });
export const partnerListKey = (partnerType: string, partnerId: string): ListIndexKey => ({
  gsi1pk: 'PARTNERS',
  gsi1sk: `${partnerType}#${partnerId}`,
});

export const productKey = (sku: string): ItemKey => ({ pk: `PRODUCT#${sku}`, sk: 'PROFILE' });
export const productListKey = (category: string, sku: string): ListIndexKey => ({
  gsi1pk: 'PRODUCTS',
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
export const priceEntryListKey = (priceListId: string, sku: string, effectiveFrom: string): ListIndexKey => ({
  gsi1pk: `PRICEENTRIES#${priceListId}`,
  gsi1sk: `${sku}#${effectiveFrom}`,
});
