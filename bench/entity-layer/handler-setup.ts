import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { NormalizedSaleLine } from '../../domain/ingestion/ingest-types';

/** What each layer's bench handler is given: a partner-month to read a page of, and lines to batch-write. */
export interface SalesEvent {
  readonly partnerId: string;
  readonly month: string;
  readonly lines: readonly NormalizedSaleLine[];
}

/** The document client and table each bench handler sets up at import, as a Lambda's module scope does. */
export const handlerClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
export const handlerTable = process.env.TABLE_NAME ?? 'chrm';
