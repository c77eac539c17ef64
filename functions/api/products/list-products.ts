import { productListQuerySchema } from '../api-schemas';
import { listCatalogRecordsHandler } from '../catalog-handlers';
import { products } from '../catalogs';

export const handler = listCatalogRecordsHandler(products, productListQuerySchema, (query) => query.category);
