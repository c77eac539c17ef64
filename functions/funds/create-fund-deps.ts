import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { FundDeps } from '../../domain/funds/ports';
import { approvalPolicyStore } from '../adapters/approval-policy-store';
import { DynamoAccrualLedger } from '../adapters/dynamo-accrual-ledger';
import { DynamoClaimFunds } from '../adapters/dynamo-claim-funds';
import { DynamoClaimStore } from '../adapters/dynamo-claim-store';
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoFundStore } from '../adapters/dynamo-fund-store';
import { masterDataStores } from '../adapters/master-data-stores';
import { createS3Client } from '../adapters/s3-client';
import { S3Uploads } from '../adapters/s3-uploads';

/** Settings of the fund functions: the table, and the uploads bucket that evidence files go to. */
export const fundSettings = {
  UPLOADS_BUCKET: z.string().min(1),
  S3_ENDPOINT: z.url().optional(),
};
const fundSettingsSchema = z.object({
  TABLE_NAME: z.string(),
  AWS_REGION: z.string(),
  DYNAMODB_ENDPOINT: z.url().optional(),
  ...fundSettings,
});
export type FundSettings = z.infer<typeof fundSettingsSchema>;

/** Time-ordered ids (ms in base 36, then randomness), upper case so they sit well in keys and URLs. */
export const newFundId = () =>
  `${Date.now().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`.toUpperCase();

/** Wires the fund use cases to DynamoDB (funds, claims, partners, ledger) and S3 (evidence). */
export function createFundDeps(settings: FundSettings): FundDeps {
  const client = createDocumentClient(settings);
  const table = settings.TABLE_NAME;
  const ledger = new DynamoAccrualLedger(client, table);
  return {
    funds: new DynamoFundStore(client, table),
    claims: new DynamoClaimStore(client, table),
    partners: masterDataStores(client, table).partners,
    claimFunds: new DynamoClaimFunds(client, table),
    postings: ledger,
    evidence: new S3Uploads(
      createS3Client({ region: settings.AWS_REGION, endpoint: settings.S3_ENDPOINT }),
      settings.UPLOADS_BUCKET,
    ),
    approvalPolicies: approvalPolicyStore(client, table),
    clock: () => new Date(),
    newId: newFundId,
    keyedId: (partnerId, idempotencyKey) =>
      createHash('sha256').update(`${partnerId}\n${idempotencyKey}`).digest('hex').slice(0, 31).toUpperCase(),
  };
}
