import type { NormalizedSaleLine } from '../../domain/ingestion/ingest-types';
import {
  fileLinesIndexKey,
  saleLineKey,
  salesByPeriodIndexKey,
  salesByProductIndexKey,
} from '../../functions/adapters/table-keys/channel-lines';

/**
 * A new sale line as our layer stores it: the line, its table and index keys from the key module, and the
 * store's bookkeeping — the item `lineWriteItem` builds for an accepted version 1, without importing the
 * whole channel-line store into the bench's minimal handler (entity-layer.ts checks the two agree).
 */
export const saleLineItem = (line: NormalizedSaleLine) => ({
  ...line,
  ...saleLineKey(line.partnerId, line.invoiceNumber, line.invoiceLine),
  ...salesByPeriodIndexKey(line.partnerId, line.invoiceNumber, line.invoiceLine, line.invoiceDate),
  ...salesByProductIndexKey(line.partnerId, line.sku, line.invoiceDate, line.invoiceNumber, line.invoiceLine),
  ...fileLinesIndexKey(line.sourceFileId, line.sourceLineNumber),
  type: 'SaleLine',
  version: 1,
  ingestOutcome: 'accepted',
});
