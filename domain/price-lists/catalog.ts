import { internalRoles, type Role } from '../access/actor';
import type { Catalog } from '../master-data/catalog-use-cases';
import type { PriceListDeps } from './ports';
import type { PriceListData } from './price-list';

/** Distributor book cost is commercial-in-confidence: only manufacturer staff read price lists. */
export const priceListReaders: readonly Role[] = internalRoles;

export function priceListCatalog(deps: Pick<PriceListDeps, 'priceLists' | 'clock'>): Catalog<PriceListData> {
  return { what: 'Price list', store: deps.priceLists, clock: deps.clock, readers: priceListReaders };
}
