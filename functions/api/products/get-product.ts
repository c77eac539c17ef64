import { skuFromPath } from '../api-schemas';
import { getCatalogRecordHandler } from '../catalog-handlers';
import { products } from '../catalogs';

export const handler = getCatalogRecordHandler(products, skuFromPath);
