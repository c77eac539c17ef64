import { priceListIdFromPath } from '../api-schemas';
import { getCatalogRecordHandler } from '../catalog-handlers';
import { priceLists } from '../catalogs';

export const handler = getCatalogRecordHandler(priceLists, priceListIdFromPath);
