import { z } from 'zod';
import { newPartnerSchema, partnerDetailsSchema } from '../../domain/partners/partner';
import {
  newPriceEntrySchema,
  newPriceListSchema,
  priceEntryPricesSchema,
  priceListDetailsSchema,
} from '../../domain/price-lists/price-list';
import { newProductSchema, productDetailsSchema } from '../../domain/products/product';
import {
  pageQuerySchema,
  partnerListQuerySchema,
  priceEntryListQuerySchema,
  priceOnQuerySchema,
  productListQuerySchema,
} from './api-schemas';
import { endCustomerRoutes } from './end-customer-routes';
import { pageOf, stored } from './record-response-schemas';
import type { RouteSpec } from './route-spec';

const partner = stored(newPartnerSchema);
const product = stored(newProductSchema);
const priceList = stored(newPriceListSchema);
const priceEntry = stored(
  z.intersection(
    newPriceEntrySchema,
    z.object({
      priceListId: z.string().describe('Price list code'),
      currency: z.string().describe('ISO 4217 currency of the prices (the list’s)'),
    }),
  ),
);

/** Health, the API reference and master data: partners, products, price lists. */
export const masterDataRoutes: readonly RouteSpec[] = [
  {
    method: 'GET',
    path: '/health',
    entry: 'functions/api/health/get-health.ts',
    operationId: 'getHealth',
    success: [200],
    tableAccess: 'none',
    summary: 'Liveness',
    public: true,
    response: z.looseObject({ status: z.string().describe('`ok` when the API answers') }),
  },
  {
    method: 'GET',
    path: '/openapi.json',
    entry: 'functions/api/openapi/get-openapi.ts',
    operationId: 'getOpenApi',
    success: [200],
    tableAccess: 'none',
    summary: 'This API as OpenAPI 3.1',
    response: z
      .looseObject({ openapi: z.string().describe('OpenAPI version, 3.1.0') })
      .describe('This document'),
  },

  {
    method: 'POST',
    path: '/partners',
    entry: 'functions/api/partners/create-partner.ts',
    operationId: 'createPartner',
    success: [201],
    problems: [409, 422],
    summary: 'Register a partner',
    body: newPartnerSchema,
    response: partner,
  },
  {
    method: 'GET',
    path: '/partners',
    entry: 'functions/api/partners/list-partners.ts',
    operationId: 'listPartners',
    success: [200],
    summary: 'List partners (a partner user sees its own)',
    query: partnerListQuerySchema,
    response: pageOf(partner),
  },
  {
    method: 'GET',
    path: '/partners/{partnerId}',
    entry: 'functions/api/partners/get-partner.ts',
    operationId: 'getPartner',
    success: [200],
    summary: 'Read a partner',
    response: partner,
  },
  {
    method: 'PUT',
    path: '/partners/{partnerId}',
    entry: 'functions/api/partners/update-partner.ts',
    operationId: 'updatePartner',
    success: [200],
    problems: [422],
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
    success: [201],
    problems: [409],
    summary: 'Add a product',
    body: newProductSchema,
    response: product,
  },
  {
    method: 'GET',
    path: '/products',
    entry: 'functions/api/products/list-products.ts',
    operationId: 'listProducts',
    success: [200],
    summary: 'List products, optionally of one category',
    query: productListQuerySchema,
    response: pageOf(product),
  },
  {
    method: 'GET',
    path: '/products/{sku}',
    entry: 'functions/api/products/get-product.ts',
    operationId: 'getProduct',
    success: [200],
    summary: 'Read a product',
    response: product,
  },
  {
    method: 'PUT',
    path: '/products/{sku}',
    entry: 'functions/api/products/update-product.ts',
    operationId: 'updateProduct',
    success: [200],
    problems: [422],
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
    success: [201],
    problems: [409],
    summary: 'Create a price list',
    body: newPriceListSchema,
    response: priceList,
  },
  {
    method: 'GET',
    path: '/price-lists',
    entry: 'functions/api/price-lists/list-price-lists.ts',
    operationId: 'listPriceLists',
    success: [200],
    summary: 'List price lists',
    query: pageQuerySchema,
    response: pageOf(priceList),
  },
  {
    method: 'GET',
    path: '/price-lists/{priceListId}',
    entry: 'functions/api/price-lists/get-price-list.ts',
    operationId: 'getPriceList',
    success: [200],
    summary: 'Read a price list header',
    response: priceList,
  },
  {
    method: 'PUT',
    path: '/price-lists/{priceListId}',
    entry: 'functions/api/price-lists/update-price-list.ts',
    operationId: 'updatePriceList',
    success: [200],
    problems: [422],
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
    success: [201],
    problems: [409, 422],
    summary: "Add a product's prices from a date on",
    body: newPriceEntrySchema,
    response: priceEntry,
  },
  {
    method: 'GET',
    path: '/price-lists/{priceListId}/entries',
    entry: 'functions/api/price-lists/list-price-entries.ts',
    operationId: 'listPriceEntries',
    success: [200],
    summary: 'List entries, optionally of one product',
    query: priceEntryListQuerySchema,
    response: pageOf(priceEntry),
  },
  {
    method: 'PUT',
    path: '/price-lists/{priceListId}/entries/{sku}/{effectiveFrom}',
    entry: 'functions/api/price-lists/correct-price-entry.ts',
    operationId: 'correctPriceEntry',
    success: [200],
    problems: [422],
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
    success: [200],
    summary: 'Prices of a product in force on a date',
    query: priceOnQuerySchema,
    response: z.object({
      entry: priceEntry.describe('The entry in force on `date`'),
      effectiveUntil: z
        .string()
        .optional()
        .describe('First day of the next entry (ISO date), when there is one'),
    }),
  },
  ...endCustomerRoutes,
];
