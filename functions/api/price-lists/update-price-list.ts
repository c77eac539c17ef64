import { priceListDetailsSchema } from '../../../domain/price-lists/price-list';
import { priceListIdFromPath } from '../api-schemas';
import { updateCatalogRecordHandler } from '../catalog-handlers';
import { priceLists } from '../catalogs';

export const handler = updateCatalogRecordHandler(
  priceLists,
  priceListIdFromPath,
  priceListDetailsSchema,
  (priceListId, details) => ({ ...details, priceListId }),
);
