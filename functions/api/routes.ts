import { z } from 'zod';
import { partnerSkuMappingSchema } from '../../domain/channel-files/partner-sku-use-cases';
import { uploadRequestSchema } from '../../domain/channel-files/request-upload';
import { mappingProfileSchema } from '../../domain/ingestion/mapping-profile';
import { newPartnerSchema, partnerDetailsSchema } from '../../domain/partners/partner';
import {
  newPriceEntrySchema,
  newPriceListSchema,
  priceEntryPricesSchema,
  priceListDetailsSchema,
} from '../../domain/price-lists/price-list';
import { newProductSchema, productDetailsSchema } from '../../domain/products/product';
import { accrualRoutes } from './accrual-routes';
import {
  inventoryPositionQuerySchema,
  pageQuerySchema,
  partnerListQuerySchema,
  partnerScopedPageQuerySchema,
  priceEntryListQuerySchema,
  priceOnQuerySchema,
  productListQuerySchema,
  recordMetaSchema,
  rejectionsQuerySchema,
  salesInMonthQuerySchema,
  salesOfProductQuerySchema,
} from './api-schemas';
import type { RouteSpec } from './route-spec';

const stored = <S extends z.ZodType>(schema: S) => z.intersection(schema, recordMetaSchema);
const pageOf = (item: z.ZodType) => z.object({ items: z.array(item), nextCursor: z.string().optional() });

const partner = stored(newPartnerSchema);
const product = stored(newProductSchema);
const priceList = stored(newPriceListSchema);
const priceEntry = stored(
  z.intersection(newPriceEntrySchema, z.object({ priceListId: z.string(), currency: z.string() })),
);

const channelRoutes: readonly RouteSpec[] = [
  {
    method: 'GET',
    path: '/health',
    entry: 'functions/api/health/get-health.ts',
    operationId: 'getHealth',
    tableAccess: 'none',
    summary: 'Liveness',
    public: true,
  },
  {
    method: 'GET',
    path: '/openapi.json',
    entry: 'functions/api/openapi/get-openapi.ts',
    operationId: 'getOpenApi',
    tableAccess: 'none',
    summary: 'This API as OpenAPI 3.1',
  },

  {
    method: 'POST',
    path: '/partners',
    entry: 'functions/api/partners/create-partner.ts',
    operationId: 'createPartner',
    summary: 'Register a partner',
    body: newPartnerSchema,
    response: partner,
  },
  {
    method: 'GET',
    path: '/partners',
    entry: 'functions/api/partners/list-partners.ts',
    operationId: 'listPartners',
    summary: 'List partners (a partner user sees its own)',
    query: partnerListQuerySchema,
    response: pageOf(partner),
  },
  {
    method: 'GET',
    path: '/partners/{partnerId}',
    entry: 'functions/api/partners/get-partner.ts',
    operationId: 'getPartner',
    summary: 'Read a partner',
    response: partner,
  },
  {
    method: 'PUT',
    path: '/partners/{partnerId}',
    entry: 'functions/api/partners/update-partner.ts',
    operationId: 'updatePartner',
    summary: "Replace a partner's details",
    body: partnerDetailsSchema,
    response: partner,
    ifMatch: true,
  },

  {
    method: 'POST',
    path: '/products',
    entry: 'functions/api/products/create-product.ts',
    operationId: 'createProduct',
    summary: 'Add a product',
    body: newProductSchema,
    response: product,
  },
  {
    method: 'GET',
    path: '/products',
    entry: 'functions/api/products/list-products.ts',
    operationId: 'listProducts',
    summary: 'List products, optionally of one category',
    query: productListQuerySchema,
    response: pageOf(product),
  },
  {
    method: 'GET',
    path: '/products/{sku}',
    entry: 'functions/api/products/get-product.ts',
    operationId: 'getProduct',
    summary: 'Read a product',
    response: product,
  },
  {
    method: 'PUT',
    path: '/products/{sku}',
    entry: 'functions/api/products/update-product.ts',
    operationId: 'updateProduct',
    summary: "Replace a product's details",
    body: productDetailsSchema,
    response: product,
    ifMatch: true,
  },

  {
    method: 'POST',
    path: '/price-lists',
    entry: 'functions/api/price-lists/create-price-list.ts',
    operationId: 'createPriceList',
    summary: 'Create a price list',
    body: newPriceListSchema,
    response: priceList,
  },
  {
    method: 'GET',
    path: '/price-lists',
    entry: 'functions/api/price-lists/list-price-lists.ts',
    operationId: 'listPriceLists',
    summary: 'List price lists',
    query: pageQuerySchema,
    response: pageOf(priceList),
  },
  {
    method: 'GET',
    path: '/price-lists/{priceListId}',
    entry: 'functions/api/price-lists/get-price-list.ts',
    operationId: 'getPriceList',
    summary: 'Read a price list header',
    response: priceList,
  },
  {
    method: 'PUT',
    path: '/price-lists/{priceListId}',
    entry: 'functions/api/price-lists/update-price-list.ts',
    operationId: 'updatePriceList',
    summary: 'Replace a price list header',
    body: priceListDetailsSchema,
    response: priceList,
    ifMatch: true,
  },
  {
    method: 'POST',
    path: '/price-lists/{priceListId}/entries',
    entry: 'functions/api/price-lists/add-price-entry.ts',
    operationId: 'addPriceEntry',
    summary: "Add a product's prices from a date on",
    body: newPriceEntrySchema,
    response: priceEntry,
  },
  {
    method: 'GET',
    path: '/price-lists/{priceListId}/entries',
    entry: 'functions/api/price-lists/list-price-entries.ts',
    operationId: 'listPriceEntries',
    summary: 'List entries, optionally of one product',
    query: priceEntryListQuerySchema,
    response: pageOf(priceEntry),
  },
  {
    method: 'PUT',
    path: '/price-lists/{priceListId}/entries/{sku}/{effectiveFrom}',
    entry: 'functions/api/price-lists/correct-price-entry.ts',
    operationId: 'correctPriceEntry',
    summary: "Correct an entry's prices",
    body: priceEntryPricesSchema,
    response: priceEntry,
    ifMatch: true,
  },
  {
    method: 'GET',
    path: '/price-lists/{priceListId}/prices/{sku}',
    entry: 'functions/api/price-lists/get-price-on.ts',
    operationId: 'getPriceOn',
    summary: 'Prices of a product in force on a date',
    query: priceOnQuerySchema,
    response: z.object({ entry: priceEntry, effectiveUntil: z.string().optional() }),
  },
  {
    method: 'POST',
    path: '/uploads',
    entry: 'functions/api/uploads/request-upload.ts',
    operationId: 'requestUpload',
    summary: 'Get a presigned URL to upload a POS or inventory file',
    body: uploadRequestSchema,
    signsUploads: true,
  },
  {
    method: 'GET',
    path: '/channel-files',
    entry: 'functions/api/channel-files/list-channel-files.ts',
    operationId: 'listChannelFiles',
    summary: "List a partner's uploaded files with status and counts",
    query: partnerScopedPageQuerySchema,
  },
  {
    method: 'GET',
    path: '/channel-files/{fileId}',
    entry: 'functions/api/channel-files/get-channel-file.ts',
    operationId: 'getChannelFile',
    summary: 'Status and counts of one file',
  },
  {
    method: 'GET',
    path: '/channel-files/{fileId}/lines',
    entry: 'functions/api/channel-files/list-file-lines.ts',
    operationId: 'listFileLines',
    summary: 'Normalized lines of one file',
    query: pageQuerySchema,
  },
  {
    method: 'GET',
    path: '/channel-files/{fileId}/rejections',
    entry: 'functions/api/channel-files/get-rejections.ts',
    operationId: 'getRejections',
    summary: 'Rejected lines of one file (JSON pages, or ?format=csv for the whole report)',
    query: rejectionsQuerySchema,
  },
  {
    method: 'GET',
    path: '/sales-lines',
    entry: 'functions/api/sales/list-sales-lines.ts',
    operationId: 'listSalesLines',
    summary: "A partner's sale lines invoiced in a month",
    query: salesInMonthQuerySchema,
  },
  {
    method: 'GET',
    path: '/sales-lines/products/{sku}',
    entry: 'functions/api/sales/list-product-sales.ts',
    operationId: 'listProductSales',
    summary: "A partner's sale lines of one product between two dates",
    query: salesOfProductQuerySchema,
  },
  {
    method: 'GET',
    path: '/partners/{partnerId}/mapping-profiles/{kind}',
    entry: 'functions/api/partners/get-mapping-profile.ts',
    operationId: 'getMappingProfile',
    summary: "A partner's file mapping profile (or the canonical default)",
  },
  {
    method: 'PUT',
    path: '/partners/{partnerId}/mapping-profiles/{kind}',
    entry: 'functions/api/partners/save-mapping-profile.ts',
    operationId: 'saveMappingProfile',
    summary: "Create or replace a partner's file mapping profile",
    body: mappingProfileSchema,
  },
  {
    method: 'GET',
    path: '/partners/{partnerId}/partner-skus',
    entry: 'functions/api/partner-skus/list-partner-skus.ts',
    operationId: 'listPartnerSkus',
    summary: "A partner's SKU cross-references (partner item number → our SKU)",
    query: pageQuerySchema,
  },
  {
    method: 'GET',
    path: '/partners/{partnerId}/partner-skus/{partnerSku}',
    entry: 'functions/api/partner-skus/get-partner-sku.ts',
    operationId: 'getPartnerSku',
    summary: 'One partner SKU cross-reference',
  },
  {
    method: 'PUT',
    path: '/partners/{partnerId}/partner-skus/{partnerSku}',
    entry: 'functions/api/partner-skus/save-partner-sku.ts',
    operationId: 'savePartnerSku',
    summary: 'Create (no If-Match) or re-point (If-Match) a partner SKU cross-reference',
    body: partnerSkuMappingSchema,
  },
  {
    method: 'GET',
    path: '/inventory/{sku}/position',
    entry: 'functions/api/inventory/get-inventory-position.ts',
    operationId: 'getInventoryPosition',
    summary:
      'Computed inventory position (opening + sell-in − sell-through) and its variance to what the partner reported',
    query: inventoryPositionQuerySchema,
  },
  {
    method: 'GET',
    path: '/inventory/{sku}/snapshots',
    entry: 'functions/api/inventory/list-inventory-snapshots.ts',
    operationId: 'listInventorySnapshots',
    summary: 'Inventory snapshots a partner reported for a product between two dates',
    query: inventoryPositionQuerySchema,
  },
];

/** Every route of the API, in the order the OpenAPI document lists them. */
export const apiRoutes: readonly RouteSpec[] = [...channelRoutes, ...accrualRoutes];
