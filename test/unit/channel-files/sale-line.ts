import type { NormalizedSaleLine } from '../../../domain/ingestion/ingest-types';

/** A normalized POS line of file-b, for tests of restatement and of the line store. */
export const sale = (overrides: Partial<NormalizedSaleLine> = {}): NormalizedSaleLine => ({
  partnerId: 'P-1',
  sourceFileId: 'file-b',
  sourceLineNumber: 2,
  invoiceNumber: 'OV-26',
  invoiceLine: '1',
  invoiceDate: '2026-04-02',
  sku: 'SW-2',
  category: 'SOFTWARE',
  quantity: '2',
  uom: 'EA',
  reportedQuantity: '2',
  reportedUom: 'EA',
  extendedAmount: '20.00',
  currency: 'USD',
  custom: {},
  ...overrides,
});
