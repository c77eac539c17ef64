import { createDocumentClient } from '../adapters/dynamo-client';
import { masterDataStores } from '../adapters/master-data-stores';
import { loadConfig } from '../shared/config';

/** Built once per Lambda container and shared by its invocations. */
const config = loadConfig();
const stores = masterDataStores(createDocumentClient(config), config.TABLE_NAME);

export const masterData = { ...stores, clock: () => new Date() };
