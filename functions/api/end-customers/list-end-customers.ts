import { endCustomerListQuerySchema } from '../api-schemas';
import { listCatalogRecordsHandler } from '../catalog-handlers';
import { endCustomers } from '../catalogs';

export const handler = listCatalogRecordsHandler(
  endCustomers,
  endCustomerListQuerySchema,
  (query) => query.segment,
);
