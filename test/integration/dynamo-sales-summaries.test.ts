import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoSalesSummaries } from '../../functions/adapters/dynamo-sales-summaries';
import { loadConfig } from '../../functions/shared/config';
import { salesSummaryStoreContract } from '../support/sales-summary-store-contract';
import { createTestTable } from '../support/test-table';

salesSummaryStoreContract('DynamoSalesSummaries', async () => {
  await createTestTable();
  const config = loadConfig();
  return new DynamoSalesSummaries(createDocumentClient(config), config.TABLE_NAME);
});
