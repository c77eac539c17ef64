import { newProductSchema } from '../../../domain/products/product';
import { createCatalogRecordHandler } from '../catalog-handlers';
import { products } from '../catalogs';

export const handler = createCatalogRecordHandler(products, newProductSchema);
