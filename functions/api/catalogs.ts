import { endCustomerCatalog } from '../../domain/end-customers/end-customer-use-cases';
import { priceListCatalog } from '../../domain/price-lists/catalog';
import { productCatalog } from '../../domain/products/catalog';
import { masterData } from './master-data-deps';

export const products = productCatalog(masterData.products, masterData.clock);
export const priceLists = priceListCatalog(masterData);
export const endCustomers = endCustomerCatalog(masterData);
