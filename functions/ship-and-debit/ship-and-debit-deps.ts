import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { BillBackDeps } from '../../domain/ship-and-debit/bill-back-returns';
import type { DebitAuthorizationAttachmentDeps } from '../../domain/ship-and-debit/debit-authorization-attachments';
import type { DebitAuthorizationDeps } from '../../domain/ship-and-debit/debit-authorization-use-cases';
import type { ShipAndDebitClaimDeps } from '../../domain/ship-and-debit/submit-ship-and-debit-claim';
import { approvalPolicyStore } from '../adapters/approval-policy-store';
import { DynamoClaimFunds } from '../adapters/dynamo-claim-funds';
import { DynamoClaimStore } from '../adapters/dynamo-claim-store';
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoShipAndDebitBillBackStore } from '../adapters/dynamo-ship-and-debit-bill-backs';
import {
  DynamoDebitAuthorizationStore,
  DynamoShipAndDebitClaimStore,
} from '../adapters/dynamo-ship-and-debit-store';
import { createEventBridgeClient, EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { masterDataStores } from '../adapters/master-data-stores';
import { createS3Client } from '../adapters/s3-client';
import { S3Uploads } from '../adapters/s3-uploads';
import { ShipAndDebitEvidence } from '../adapters/ship-and-debit-evidence';
import { type Config, loadSettings } from '../shared/config';

/** A time-ordered random id with a prefix (`DA-`, `SDC-`): sorts roughly by creation, never collides. */
const timeOrderedId = (prefix: string) =>
  `${prefix}${Date.now().toString(36).toUpperCase().padStart(10, '0')}${randomUUID().replaceAll('-', '').slice(0, 12).toUpperCase()}`;

/**
 * The ship & debit claim policy of this deployment. Claim window: 180 days after the ship date (the usual
 * exercise period of distribution agreements); POS quantities must match exactly; the 849s are sent as CHRM.
 */
export const shipAndDebitPolicy = { claimWindowDays: 180, posToleranceBasisPoints: 0, interchangeId: 'CHRM' };

/** Authorizations need only the table (their own items and the master data their terms name). */
export function createDebitAuthorizationDeps(config: Config): DebitAuthorizationDeps {
  const client = createDocumentClient(config);
  const { products, priceLists, endCustomers } = masterDataStores(client, config.TABLE_NAME);
  return {
    authorizations: new DynamoDebitAuthorizationStore(client, config.TABLE_NAME),
    products,
    priceLists,
    endCustomers,
    clock: () => new Date(),
    newAuthorizationNumber: () => timeOrderedId('DA-'),
  };
}

/** Settings of the claim functions: the bus that `ClaimSubmitted` and `ShipAndDebitClaimValidated` go on. */
export const shipAndDebitClaimSettings = {
  EVENT_BUS_NAME: z.string().min(1),
  EVENTS_ENDPOINT: z.url().optional(),
};

/**
 * Claims and bill-backs: the stores, the channel data claims are checked against, the claim funds settlement
 * reserves on, the approval policy whose auto-approve threshold applies per line, and the settlement claims.
 */
export function createShipAndDebitClaimDeps(
  settings: ReturnType<typeof loadShipAndDebitClaimSettings>,
): ShipAndDebitClaimDeps & BillBackDeps {
  const client = createDocumentClient(settings);
  const table = settings.TABLE_NAME;
  return {
    authorizations: new DynamoDebitAuthorizationStore(client, table),
    claims: new DynamoShipAndDebitClaimStore(client, table),
    billBacks: new DynamoShipAndDebitBillBackStore(client, table),
    evidence: new ShipAndDebitEvidence(client, table),
    endCustomers: masterDataStores(client, table).endCustomers,
    claimFunds: new DynamoClaimFunds(client, table),
    settlements: new DynamoClaimStore(client, table),
    policies: approvalPolicyStore(client, table),
    events: new EventBridgePublisher(
      createEventBridgeClient({ region: settings.AWS_REGION, endpoint: settings.EVENTS_ENDPOINT }),
      settings.EVENT_BUS_NAME,
    ),
    clock: () => new Date(),
    policy: shipAndDebitPolicy,
    newClaimId: () => timeOrderedId('SDC-'),
  };
}

export const loadShipAndDebitClaimSettings = (env: NodeJS.ProcessEnv = process.env) =>
  loadSettings(shipAndDebitClaimSettings, env);

/** Settings of the attachment functions: the uploads bucket that attachments go to. */
export const attachmentSettings = {
  UPLOADS_BUCKET: z.string().min(1),
  S3_ENDPOINT: z.url().optional(),
};

/** Attachments of authorizations: the authorizations (who may see them) and the bucket keeping the files. */
export function createAttachmentDeps(
  settings: ReturnType<typeof loadSettings<typeof attachmentSettings>>,
): DebitAuthorizationAttachmentDeps {
  return {
    authorizations: new DynamoDebitAuthorizationStore(createDocumentClient(settings), settings.TABLE_NAME),
    attachments: new S3Uploads(
      createS3Client({ region: settings.AWS_REGION, endpoint: settings.S3_ENDPOINT }),
      settings.UPLOADS_BUCKET,
    ),
    clock: () => new Date(),
    newId: () => timeOrderedId('ATT-'),
  };
}
