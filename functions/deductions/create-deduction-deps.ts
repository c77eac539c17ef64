import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DeductionDeps } from '../../domain/deductions/ports';
import { DynamoAccrualLedger } from '../adapters/dynamo-accrual-ledger';
import { DynamoClaimStore } from '../adapters/dynamo-claim-store';
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoDeductionStore } from '../adapters/dynamo-deduction-store';

/**
 * Settings of the deduction functions. DEDUCTION_TOLERANCE: how far the amounts settled may differ from a
 * deduction, absolute in its currency (default 1.00); "0" demands exact matches.
 */
export const deductionSettings = {
  DEDUCTION_TOLERANCE: z
    .string()
    .regex(/^\d{1,6}(\.\d{1,4})?$/, 'must be a non-negative decimal such as 1.00')
    .default('1.00'),
};
const deductionSchema = z.object({
  TABLE_NAME: z.string(),
  AWS_REGION: z.string(),
  DYNAMODB_ENDPOINT: z.url().optional(),
  ...deductionSettings,
});
export type DeductionSettings = z.input<typeof deductionSchema>;

/** Wires deductions to DynamoDB: the deductions, the claims they settle and the ledger they post to. */
export function createDeductionDeps(settings: DeductionSettings): DeductionDeps {
  const client = createDocumentClient(settings);
  const table = settings.TABLE_NAME;
  return {
    deductions: new DynamoDeductionStore(client, table),
    claims: new DynamoClaimStore(client, table),
    ledger: new DynamoAccrualLedger(client, table),
    clock: () => new Date(),
    newId: () => randomBytes(6).toString('hex'),
    tolerance: settings.DEDUCTION_TOLERANCE ?? '1.00',
  };
}
