import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoNearTierAlerts } from '../../functions/adapters/dynamo-near-tier-alerts';
import { loadConfig } from '../../functions/shared/config';
import { nearTierAlertStoreContract } from '../support/near-tier-alert-store-contract';
import { createTestTable } from '../support/test-table';

nearTierAlertStoreContract('DynamoNearTierAlerts', async () => {
  await createTestTable();
  const config = loadConfig();
  return new DynamoNearTierAlerts(createDocumentClient(config), config.TABLE_NAME);
});
