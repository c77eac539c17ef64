import { internalRoles, type Role } from '../access/actor';
import type { Catalog } from '../master-data/catalog-use-cases';
import type { Clock, RecordStore } from '../shared/ports';
import type { ProductData } from './product';

/** Partners read the product catalog too: they report sales against our SKUs and map theirs to ours. */
export const productReaders: readonly Role[] = [...internalRoles, 'partner'];

export function productCatalog(store: RecordStore<ProductData>, clock: Clock): Catalog<ProductData> {
  return { what: 'Product', store, clock, readers: productReaders };
}
