import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AccrualWorkspace } from '../../domain/accruals/engine/compute-accruals';
import { accrualStores } from '../adapters/accrual-stores';
import { DynamoAccrualLedger } from '../adapters/dynamo-accrual-ledger';
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoNearTierAlerts } from '../adapters/dynamo-near-tier-alerts';
import { DynamoSalesSummaries } from '../adapters/dynamo-sales-summaries';
import { createEventBridgeClient, EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { masterDataStores } from '../adapters/master-data-stores';
import { DynamoRunLineSource } from '../adapters/run-line-source';
import { S3RunSnapshots } from '../adapters/run-snapshots';
import { createS3Client } from '../adapters/s3-client';
import { createSfnClient } from '../adapters/sfn-client';
import { SfnRunWorkflow } from '../adapters/sfn-run-workflow';
import { channelDataSettings } from '../shared/config';

/** Settings of the accrual functions: channel data's, plus the run workflow for those that start runs. */
export const accrualSettings = {
  ...channelDataSettings,
  ACCRUAL_STATE_MACHINE_ARN: z.string().min(1).optional(),
  SFN_ENDPOINT: z.url().optional(),
};
const accrualSchema = z.object({
  TABLE_NAME: z.string(),
  AWS_REGION: z.string(),
  DYNAMODB_ENDPOINT: z.url().optional(),
  ...accrualSettings,
});
export type AccrualSettings = z.infer<typeof accrualSchema>;

/**
 * The engine's buffers, kept by the container across invocations (each run releases it before returning,
 * and a run computes synchronously, so invocations that share the process never use it at once).
 */
const workspace = new AccrualWorkspace();

/** Wires programs, runs and the ledger to DynamoDB, S3, Step Functions and EventBridge. */
export function createAccrualDeps(settings: AccrualSettings) {
  const client = createDocumentClient(settings);
  const table = settings.TABLE_NAME;
  const master = masterDataStores(client, table);
  const stores = accrualStores(client, table);
  const ledger = new DynamoAccrualLedger(client, table);
  return {
    ...stores,
    ledger,
    nearTierAlerts: new DynamoNearTierAlerts(client, table),
    // What-if sales are resolved against the product catalog, as uploaded lines are.
    products: master.products,
    lines: new DynamoRunLineSource(master.partners, client, table),
    snapshots: new S3RunSnapshots(
      createS3Client({ region: settings.AWS_REGION, endpoint: settings.S3_ENDPOINT }),
      settings.UPLOADS_BUCKET,
    ),
    salesSummaries: new DynamoSalesSummaries(client, table),
    workflow: new SfnRunWorkflow(
      createSfnClient({ region: settings.AWS_REGION, endpoint: settings.SFN_ENDPOINT }),
      // Only the run-starting route has the ARN; any other caller of `start` is a wiring fault.
      settings.ACCRUAL_STATE_MACHINE_ARN ?? 'unset:ACCRUAL_STATE_MACHINE_ARN',
    ),
    events: new EventBridgePublisher(
      createEventBridgeClient({ region: settings.AWS_REGION, endpoint: settings.EVENTS_ENDPOINT }),
      settings.EVENT_BUS_NAME,
    ),
    newId: () => randomBytes(6).toString('hex'),
    clock: () => new Date(),
    workspace,
  };
}
