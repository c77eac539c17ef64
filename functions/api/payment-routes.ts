import { z } from 'zod';
import { paymentBatchRequestSchema } from '../../domain/payments/payment-batch';
import { paymentBatchListQuerySchema, remittanceQuerySchema, returnedPaymentSchema } from './api-schemas';
import {
  partnerPaymentResponseSchema,
  partnerPaymentViewSchema,
  paymentBatchHeaderResponseSchema,
  paymentBatchResponseSchema,
} from './payment-response-schemas';
import { pageOf } from './record-response-schemas';
import type { RouteSpec } from './route-spec';

const fileNote = (what: string) =>
  z.string().describe(`${what}; the body is the file itself, not JSON (this schema documents its type only)`);

/** Payment batches: built, approved by a second person, exported to the bank, paid, returned. */
export const paymentRoutes: readonly RouteSpec[] = [
  {
    method: 'POST',
    path: '/payment-batches',
    entry: 'functions/api/payment-batches/create-payment-batch.ts',
    operationId: 'createPaymentBatch',
    success: [201, 202],
    problems: [409, 422],
    publishesEvents: true,
    summary:
      'Build a draft batch of every payable claim in a currency up to a date (finance); over 500 claims it is ' +
      'built in the background (202, status building: poll GET /payment-batches/{batchId})',
    body: paymentBatchRequestSchema,
    response: paymentBatchResponseSchema,
  },
  {
    method: 'GET',
    path: '/payment-batches',
    entry: 'functions/api/payment-batches/list-payment-batches.ts',
    operationId: 'listPaymentBatches',
    success: [200],
    summary:
      'Staff: payment batch headers, newest first, optionally of one status. A partner: its own payments with status, expected payment date',
    query: paymentBatchListQuerySchema,
    response: pageOf(z.union([paymentBatchHeaderResponseSchema, partnerPaymentViewSchema])),
  },
  {
    method: 'GET',
    path: '/payment-batches/{batchId}',
    entry: 'functions/api/payment-batches/get-payment-batch.ts',
    operationId: 'getPaymentBatch',
    success: [200],
    summary: 'A payment batch with its payments (a partner: its own payment only)',
    response: paymentBatchResponseSchema,
  },
  {
    method: 'POST',
    path: '/payment-batches/{batchId}/approve',
    entry: 'functions/api/payment-batches/approve-payment-batch.ts',
    operationId: 'approvePaymentBatch',
    success: [200],
    problems: [409],
    summary: 'Approve a draft batch (finance or admin other than its creator: 403 otherwise)',
    response: paymentBatchHeaderResponseSchema,
  },
  {
    method: 'GET',
    path: '/payment-batches/{batchId}/pain001',
    entry: 'functions/api/payment-batches/get-bank-file.ts',
    operationId: 'getPaymentBatchBankFile',
    readsPayerAccount: true,
    success: [200],
    problems: [409, 422],
    summary:
      'The ISO 20022 pain.001.001.09 bank file of an approved bank-transfer batch (XML); marks it exported',
    response: fileNote('application/xml pain.001.001.09 document'),
  },
  {
    method: 'GET',
    path: '/payment-batches/{batchId}/remittance',
    entry: 'functions/api/payment-batches/get-remittance-advice.ts',
    operationId: 'getRemittanceAdvice',
    success: [200],
    summary: 'One partner’s remittance advice of a batch (CSV, one row per claim paid)',
    query: remittanceQuerySchema,
    response: fileNote('text/csv remittance advice'),
  },
  {
    method: 'POST',
    path: '/payment-batches/{batchId}/paid',
    entry: 'functions/api/payment-batches/mark-payment-batch-paid.ts',
    operationId: 'markPaymentBatchPaid',
    success: [200],
    problems: [409],
    publishesEvents: true,
    summary: 'Mark a batch paid: claims paid, ledger payment postings (AP → cash), PaymentBatchPaid.v1',
    response: paymentBatchHeaderResponseSchema,
  },
  {
    method: 'POST',
    path: '/payment-batches/{batchId}/payments/{partnerId}/returned',
    entry: 'functions/api/payment-batches/return-payment.ts',
    operationId: 'returnPayment',
    success: [200],
    problems: [409],
    summary: 'Record a payment the bank sent back: postings reversed, its claims payable again',
    body: returnedPaymentSchema,
    response: partnerPaymentResponseSchema,
  },
];
