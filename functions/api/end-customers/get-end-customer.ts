import { endCustomerIdFromPath } from '../api-schemas';
import { getCatalogRecordHandler } from '../catalog-handlers';
import { endCustomers } from '../catalogs';

export const handler = getCatalogRecordHandler(endCustomers, endCustomerIdFromPath);
