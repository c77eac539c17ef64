import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { remittanceDetailsSchema } from '../../domain/partners/remittance-details';
import type { DebtorAccount } from '../../domain/payments/pain001-export';
import type { PaymentDeps } from '../../domain/payments/ports';
import { DynamoAccrualLedger } from '../adapters/dynamo-accrual-ledger';
import { DynamoClaimStore } from '../adapters/dynamo-claim-store';
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoPaymentBatchStore } from '../adapters/dynamo-payment-batch-store';
import { createEventBridgeClient, EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { masterDataStores } from '../adapters/master-data-stores';

/**
 * The manufacturer's paying account, as JSON (`initiatingPartyName`, `accountHolderName`, `iban` or
 * `accountNumber`, `bic`); only the bank-file route needs it, and answers 422 without it.
 */
export const payerAccountSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'PAYER_ACCOUNT must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z.intersection(remittanceDetailsSchema, z.object({ initiatingPartyName: z.string().min(1).max(140) })),
  );

export const paymentSettings = {
  EVENT_BUS_NAME: z.string().min(1),
  EVENTS_ENDPOINT: z.url().optional(),
  PAYER_ACCOUNT: payerAccountSchema.optional(),
};
const paymentSchema = z.object({
  TABLE_NAME: z.string(),
  AWS_REGION: z.string(),
  DYNAMODB_ENDPOINT: z.url().optional(),
  ...paymentSettings,
});
export type PaymentSettings = z.infer<typeof paymentSchema>;

/** Wires payment batches to DynamoDB (batches, claims, partners, ledger) and EventBridge. */
export function createPaymentDeps(
  settings: PaymentSettings,
): PaymentDeps & { readonly payer: DebtorAccount | undefined } {
  const client = createDocumentClient(settings);
  const table = settings.TABLE_NAME;
  return {
    claims: new DynamoClaimStore(client, table),
    batches: new DynamoPaymentBatchStore(client, table),
    partners: masterDataStores(client, table).partners,
    ledger: new DynamoAccrualLedger(client, table),
    events: new EventBridgePublisher(
      createEventBridgeClient({ region: settings.AWS_REGION, endpoint: settings.EVENTS_ENDPOINT }),
      settings.EVENT_BUS_NAME,
    ),
    clock: () => new Date(),
    newId: () => randomBytes(6).toString('hex'),
    payer: settings.PAYER_ACCOUNT,
  };
}
