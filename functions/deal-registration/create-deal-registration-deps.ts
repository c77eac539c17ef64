import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DealRegistrationDeps } from '../../domain/deal-registration/ports';
import { createDocumentClient } from '../adapters/dynamo-client';
import {
  DynamoDealPolicyStore,
  DynamoDealRegistrationStore,
  DynamoDealReminderOutbox,
  DynamoHouseAccountStore,
} from '../adapters/dynamo-deal-registration-store';
import { createEventBridgeClient, EventBridgePublisher } from '../adapters/eventbridge-publisher';

/**
 * Settings of the deal-registration functions: the table, and the bus the expiry job publishes reminders
 * and expiries on. DEAL_REMINDER_DAYS: how many days before a protection ends its reminder goes out.
 */
export const dealRegistrationSettings = {
  EVENT_BUS_NAME: z.string().min(1),
  EVENTS_ENDPOINT: z.url().optional(),
  DEAL_REMINDER_DAYS: z.coerce.number().int().min(1).max(90).default(14),
};
const dealRegistrationSchema = z.object({
  TABLE_NAME: z.string(),
  AWS_REGION: z.string(),
  DYNAMODB_ENDPOINT: z.url().optional(),
  ...dealRegistrationSettings,
});
export type DealRegistrationSettings = z.input<typeof dealRegistrationSchema>;

/**
 * A registration id: random with a time-ordered prefix, or, for an idempotency key, derived from the partner
 * and the key, so a repeated request finds the registration it made.
 */
export function registrationIdFor(partnerId: string, idempotencyKey?: string): string {
  if (idempotencyKey !== undefined) {
    const digest = createHash('sha256').update(`${partnerId}\n${idempotencyKey}`).digest('hex');
    return `DR-K${digest.slice(0, 31).toUpperCase()}`;
  }
  const time = Date.now().toString(36).toUpperCase().padStart(10, '0');
  return `DR-${time}${randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase()}`;
}

/** Wires deal registration to DynamoDB and EventBridge. */
export function createDealRegistrationDeps(settings: DealRegistrationSettings): DealRegistrationDeps {
  const client = createDocumentClient(settings);
  const table = settings.TABLE_NAME;
  return {
    registrations: new DynamoDealRegistrationStore(client, table),
    houseAccounts: new DynamoHouseAccountStore(client, table),
    policies: new DynamoDealPolicyStore(client, table),
    reminders: new DynamoDealReminderOutbox(client, table),
    events: new EventBridgePublisher(
      createEventBridgeClient({ region: settings.AWS_REGION, endpoint: settings.EVENTS_ENDPOINT }),
      settings.EVENT_BUS_NAME,
    ),
    clock: () => new Date(),
    registrationIdFor,
    newId: () => randomBytes(6).toString('hex'),
    pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
