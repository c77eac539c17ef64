import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { accrualStores } from '../adapters/accrual-stores';
import { DynamoAccrualLedger } from '../adapters/dynamo-accrual-ledger';
import { readTogether } from '../adapters/dynamo-batch';
import { DynamoClaimFunds } from '../adapters/dynamo-claim-funds';
import { DynamoClaimStore } from '../adapters/dynamo-claim-store';
import { createDocumentClient } from '../adapters/dynamo-client';
import { createEventBridgeClient, EventBridgePublisher } from '../adapters/eventbridge-publisher';

/** Settings of the claim functions: the table and the event bus that `ClaimSubmitted` goes on. */
export const claimSettings = {
  EVENT_BUS_NAME: z.string().min(1),
  EVENTS_ENDPOINT: z.url().optional(),
};
const claimSchema = z.object({
  TABLE_NAME: z.string(),
  AWS_REGION: z.string(),
  DYNAMODB_ENDPOINT: z.url().optional(),
  ...claimSettings,
});
export type ClaimSettings = z.infer<typeof claimSchema>;

/**
 * A claim id: random (time-ordered prefix, so ids sort roughly by submission) or, for an idempotency key,
 * derived from the partner and the key, so a repeated submit finds the claim it made.
 */
export function claimIdFor(partnerId: string, idempotencyKey?: string): string {
  if (idempotencyKey !== undefined) {
    const digest = createHash('sha256').update(`${partnerId}\n${idempotencyKey}`).digest('hex');
    return `CLM-K${digest.slice(0, 31).toUpperCase()}`;
  }
  const time = Date.now().toString(36).toUpperCase().padStart(10, '0');
  return `CLM-${time}${randomUUID().replaceAll('-', '').slice(0, 22).toUpperCase()}`;
}

/**
 * Wires claims to DynamoDB and EventBridge: submission, reads and bulk claims, and what the approvals
 * side needs to settle a decided claim (`settleDecidedClaim(deps, claim)` takes these deps as they are).
 */
export function createClaimDeps(settings: ClaimSettings) {
  // A submit's reads (fund, references, program) go out as one request.
  const client = readTogether(createDocumentClient(settings));
  const table = settings.TABLE_NAME;
  const claims = new DynamoClaimStore(client, table);
  return {
    claims,
    claimQueries: claims,
    claimFunds: new DynamoClaimFunds(client, table),
    programs: accrualStores(client, table).programs,
    ledger: new DynamoAccrualLedger(client, table),
    events: new EventBridgePublisher(
      createEventBridgeClient({ region: settings.AWS_REGION, endpoint: settings.EVENTS_ENDPOINT }),
      settings.EVENT_BUS_NAME,
    ),
    clock: () => new Date(),
    claimIdFor,
  };
}
