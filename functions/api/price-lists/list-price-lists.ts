import { pageQuerySchema } from '../api-schemas';
import { listCatalogRecordsHandler } from '../catalog-handlers';
import { priceLists } from '../catalogs';

export const handler = listCatalogRecordsHandler(priceLists, pageQuerySchema);
