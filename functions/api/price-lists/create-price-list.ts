import { newPriceListSchema } from '../../../domain/price-lists/price-list';
import { createCatalogRecordHandler } from '../catalog-handlers';
import { priceLists } from '../catalogs';

export const handler = createCatalogRecordHandler(priceLists, newPriceListSchema);
