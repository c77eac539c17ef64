import type { NormalizedSaleLine } from '../../domain/ingestion/ingest-types';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';

/** What each layer's bench handler is given: a partner-month to read a page of, and lines to batch-write. */
export interface SalesEvent {
  readonly partnerId: string;
  readonly month: string;
  readonly lines: readonly NormalizedSaleLine[];
}

/**
 * The table and the app's document client (partition reads go through its read client, `readClientOf`) that
 * each bench handler sets up at import, as a Lambda's module scope does: the bundles differ by the layer alone.
 */
export const handlerTable = process.env.TABLE_NAME ?? 'chrm';
export const handlerClient = createDocumentClient({
  TABLE_NAME: handlerTable,
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
});
