import type { ProductData } from '../products/product';
import type { Clock, RecordStore } from '../shared/ports';
import type { PriceEntryData, PriceEntryGroup, PriceEntryId, PriceListData } from './price-list';

/**
 * Entries are listed by group: `<priceListId>` for a whole list, `<priceListId>/<sku>` for one product's
 * entries, both in SKU then start-date order.
 */
export interface PriceListDeps {
  readonly priceLists: RecordStore<PriceListData>;
  readonly priceEntries: RecordStore<PriceEntryData, PriceEntryId, PriceEntryGroup>;
  readonly products: RecordStore<ProductData>;
  readonly clock: Clock;
}
