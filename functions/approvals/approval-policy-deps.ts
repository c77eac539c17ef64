import { approvalPolicyStore } from '../adapters/approval-policy-store';
import { createDocumentClient } from '../adapters/dynamo-client';
import { loadConfig } from '../shared/config';

/** Built once per Lambda container and shared by its invocations. */
const config = loadConfig();

export const approvalPolicies = {
  policies: approvalPolicyStore(createDocumentClient(config), config.TABLE_NAME),
  clock: () => new Date(),
};
