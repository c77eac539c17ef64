import { productDetailsSchema } from '../../../domain/products/product';
import { skuFromPath } from '../api-schemas';
import { updateCatalogRecordHandler } from '../catalog-handlers';
import { products } from '../catalogs';

export const handler = updateCatalogRecordHandler(
  products,
  skuFromPath,
  productDetailsSchema,
  (sku, details) => ({
    ...details,
    sku,
  }),
);
