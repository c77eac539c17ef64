import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { type EndCustomerData, segmentPeriodSchema } from '../../domain/end-customers/end-customer';
import type { PartnerData } from '../../domain/partners/partner';
import { partnerStatusSchema, partnerTypeSchema } from '../../domain/partners/partner';
import type {
  PriceEntryData,
  PriceEntryGroup,
  PriceEntryId,
  PriceListData,
} from '../../domain/price-lists/price-list';
import type { ProductData } from '../../domain/products/product';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import { DynamoRecordStore, type RecordItemSpec } from './dynamo-record-store';
import { storedRecordSchema } from './read-back';
import {
  endCustomerKey,
  endCustomerListKey,
  endCustomersScope,
  partnerKey,
  partnerListKey,
  priceEntriesScope,
  priceEntryKey,
  priceEntryListKey,
  priceListKey,
  priceListListKey,
  productKey,
  productListKey,
} from './table-keys/master-data';

const partnerSpec: RecordItemSpec<PartnerData> = {
  type: 'Partner',
  schema: storedRecordSchema<PartnerData>()({
    partnerId: z.string().min(1),
    partnerType: partnerTypeSchema,
    status: partnerStatusSchema,
    currency: currencyCodeSchema,
  }),
  keyOf: partnerKey,
  idOf: (partner) => partner.partnerId,
  listKeyOf: (partner) => partnerListKey(partner.partnerType, partner.partnerId),
  listScope: (type) => ({ gsi1pk: 'PARTNERS', ...(type === undefined ? {} : { prefix: `${type}#` }) }),
};

const productSpec: RecordItemSpec<ProductData> = {
  type: 'Product',
  schema: storedRecordSchema<ProductData>()({
    sku: z.string().min(1),
    category: z.string(),
    baseUom: z.string().min(1),
  }),
  keyOf: productKey,
  idOf: (product) => product.sku,
  listKeyOf: (product) => productListKey(product.category, product.sku),
  listScope: (category) => ({
    gsi1pk: 'PRODUCTS',
    ...(category === undefined ? {} : { prefix: `${category}#` }),
  }),
};

const priceListSpec: RecordItemSpec<PriceListData> = {
  type: 'PriceList',
  schema: storedRecordSchema<PriceListData>()({
    priceListId: z.string().min(1),
    currency: currencyCodeSchema,
  }),
  keyOf: priceListKey,
  idOf: (priceList) => priceList.priceListId,
  listKeyOf: (priceList) => priceListListKey(priceList.priceListId),
  listScope: () => ({ gsi1pk: 'PRICELISTS' }),
};

const priceEntrySpec: RecordItemSpec<PriceEntryData, PriceEntryId, PriceEntryGroup> = {
  type: 'PriceEntry',
  schema: storedRecordSchema<PriceEntryData>()({
    priceListId: z.string().min(1),
    sku: z.string().min(1),
    effectiveFrom: z.string().min(1),
    currency: z.string().min(1),
    listPrice: z.string(),
    bookCost: z.string(),
  }),
  keyOf: (id) => priceEntryKey(id.priceListId, id.sku, id.effectiveFrom),
  idOf: (entry) => ({ priceListId: entry.priceListId, sku: entry.sku, effectiveFrom: entry.effectiveFrom }),
  listKeyOf: (entry) => priceEntryListKey(entry.priceListId, entry.sku, entry.effectiveFrom),
  listScope: (group) => {
    if (group === undefined) throw new Error('Price entries are listed per price list');
    return priceEntriesScope(group.priceListId, group.sku);
  },
};

const endCustomerSpec: RecordItemSpec<EndCustomerData> = {
  type: 'EndCustomer',
  schema: storedRecordSchema<EndCustomerData>()({
    endCustomerId: z.string().min(1),
    segment: z.string().min(1),
    status: z.enum(['active', 'inactive']),
    segmentHistory: z.array(segmentPeriodSchema).min(1),
  }),
  keyOf: endCustomerKey,
  idOf: (endCustomer) => endCustomer.endCustomerId,
  listKeyOf: (endCustomer) => endCustomerListKey(endCustomer.segment, endCustomer.endCustomerId),
  listScope: endCustomersScope,
};

/** The master-data stores over one table. */
export function masterDataStores(client: DynamoDBDocumentClient, tableName: string) {
  return {
    partners: new DynamoRecordStore(client, tableName, partnerSpec),
    products: new DynamoRecordStore(client, tableName, productSpec),
    priceLists: new DynamoRecordStore(client, tableName, priceListSpec),
    priceEntries: new DynamoRecordStore(client, tableName, priceEntrySpec),
    endCustomers: new DynamoRecordStore(client, tableName, endCustomerSpec),
  };
}
