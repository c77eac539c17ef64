/**
 * Setup of the claims benchmark (timed, not a goal). The approval policy goes through the API. Partners and
 * their funds' credit are written straight into the stack's table, through the same use case and adapters
 * the API uses: 10,000 adjustments through the API would each read and append to one of four program
 * periods' ledgers (2,500 postings each), racing for its sequence, which is not what this bench measures.
 * Each fund's credit is the posting an approved manual adjustment writes, of exactly what its claims add up to.
 */
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { approveManualAdjustment, requestManualAdjustment } from '../domain/ledger/manual-adjustment';
import { createPartner } from '../domain/partners/create-partner';
import { DynamoAccrualLedger } from '../functions/adapters/dynamo-accrual-ledger';
import { createDocumentClient } from '../functions/adapters/dynamo-client';
import { masterDataStores } from '../functions/adapters/master-data-stores';
import { localCredentials } from '../infra/local/dynamodb-local';
import { type Call, expectStatus, inParallel } from './claims-http';
import { autoApproveBelow, type ClaimsPlan, usd } from './claims-plan';

/** Claims below `autoApproveBelow` USD are approved by the system; above it one approver signs. */
export async function storeApprovalPolicy(call: Call, admin: string): Promise<void> {
  const current = expectStatus(await call('GET', '/approval-policy', admin), 200, 'read policy');
  const { isDefault: _default, ...policy } = current.json as { isDefault?: boolean; thresholds: object };
  const thresholds = { ...policy.thresholds, USD: { autoApproveBelow, singleApproverUpTo: '1000000.00' } };
  expectStatus(await call('PUT', '/approval-policy', admin, { ...policy, thresholds }), 201, 'store policy');
}

/** The stack's table, reached straight at DynamoDB Local (local credentials). */
export async function benchTable(dynamoDbEndpoint: string) {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  });
  const settings = { TABLE_NAME: 'unknown', AWS_REGION: 'us-east-1', DYNAMODB_ENDPOINT: dynamoDbEndpoint };
  const client = createDocumentClient(settings);
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  const [table] = TableNames;
  if (table === undefined || TableNames.length !== 1)
    throw new Error(`expected one table, got ${TableNames}`);
  return { client, table, settings: { ...settings, TABLE_NAME: table } };
}

/** Bench partners, each paid by bank transfer (a valid IBAN), and each fund's credit. */
export async function seedPartnersAndFunds(dynamoDbEndpoint: string, plan: ClaimsPlan, workers: number) {
  const { client, table } = await benchTable(dynamoDbEndpoint);
  const partners = masterDataStores(client, table).partners;
  const ledger = new DynamoAccrualLedger(client, table);
  const deps = { partners, clock: () => new Date() };
  const today = new Date().toISOString().slice(0, 10);
  await inParallel(plan.partners, workers, async ({ partnerId, fund }) => {
    await createPartner(
      deps,
      { userId: 'bench-manager', role: 'channel_manager' },
      {
        partnerId,
        name: `Bench partner ${partnerId}`,
        partnerType: 'reseller',
        region: 'US-EAST',
        country: 'US',
        currency: 'USD',
        status: 'active',
        sites: [],
        remittance: {
          accountHolderName: `Bench ${partnerId}`,
          iban: 'DE89370400440532013000',
          bic: 'COBADEFFXXX',
        },
      },
    );
    const credit = plan.credit.get(partnerId);
    if (credit === undefined) return;
    const requested = requestManualAdjustment(
      {
        programId: fund.programId,
        beneficiaryPartnerId: partnerId,
        fund: fund.fund,
        period: fund.period,
        currency: 'USD',
        amount: usd(credit),
        reason: 'claims bench balance',
      },
      { adjustmentId: `BENCH-${partnerId}`, requestedBy: 'bench-finance', requestedOn: today },
    );
    const { posting } = approveManualAdjustment(requested, {
      approvedBy: 'bench-approver',
      approvedOn: today,
    });
    await ledger.postIndependent(posting);
  });
  client.destroy();
}
