import {
  endCustomerDetailsSchema,
  endCustomerSchema,
  newEndCustomerSchema,
} from '../../domain/end-customers/end-customer';
import { endCustomerListQuerySchema } from './api-schemas';
import { pageOf, stored } from './record-response-schemas';
import type { RouteSpec } from './route-spec';

const endCustomer = stored(endCustomerSchema);

/** The end-customer master (segments for segment blanket authorizations): staff only, partners 403. */
export const endCustomerRoutes: readonly RouteSpec[] = [
  {
    method: 'POST',
    path: '/end-customers',
    entry: 'functions/api/end-customers/create-end-customer.ts',
    operationId: 'createEndCustomer',
    success: [201],
    problems: [409],
    summary: 'Add an end customer (admin, channel manager)',
    body: newEndCustomerSchema,
    response: endCustomer,
  },
  {
    method: 'GET',
    path: '/end-customers',
    entry: 'functions/api/end-customers/list-end-customers.ts',
    operationId: 'listEndCustomers',
    success: [200],
    summary: 'List end customers, optionally of one segment (staff)',
    query: endCustomerListQuerySchema,
    response: pageOf(endCustomer),
  },
  {
    method: 'GET',
    path: '/end-customers/{endCustomerId}',
    entry: 'functions/api/end-customers/get-end-customer.ts',
    operationId: 'getEndCustomer',
    success: [200],
    summary: 'Read an end customer with its segment history (staff)',
    response: endCustomer,
  },
  {
    method: 'PUT',
    path: '/end-customers/{endCustomerId}',
    entry: 'functions/api/end-customers/update-end-customer.ts',
    operationId: 'updateEndCustomer',
    success: [200],
    summary: "Replace an end customer's details; a new segment starts from `segmentEffectiveFrom`",
    body: endCustomerDetailsSchema,
    response: endCustomer,
    ifMatch: true,
  },
];
