import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { loadConfig } from '../../functions/shared/config';
import { type ApiHandler, handlerCaller } from '../support/api-handler-call';
import { createTestTable } from '../support/test-table';
import { paidPartner, payableClaim } from '../unit/payments/builders';

const handlers: Record<string, ApiHandler> = {};
const bus = mockClient(EventBridgeClient);

beforeAll(async () => {
  await createTestTable();
  Object.assign(process.env, {
    EVENT_BUS_NAME: 'chrm-test',
    UPLOADS_BUCKET: 'unused',
    PAYER_ACCOUNT: JSON.stringify({
      initiatingPartyName: 'ACME',
      accountHolderName: 'ACME GmbH',
      iban: 'DE75512108001245126199',
      bic: 'SOGEDEFFXXX',
    }),
  });
  bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
  const config = loadConfig();
  const client = createDocumentClient(config);
  const partners = masterDataStores(client, config.TABLE_NAME).partners;
  await partners.create(paidPartner('P1'));
  await partners.create(paidPartner('P2', { remittance: undefined }));
  const claims = new DynamoClaimStore(client, config.TABLE_NAME);
  await claims.create(payableClaim('H-C1', { amountApproved: '100.10' }));
  await claims.create(payableClaim('H-C2', { amountApproved: '0.20', status: 'partiallyApproved' }));
  await claims.create(payableClaim('H-C3', { partnerId: 'P2', amountApproved: '7.00' }));
  const modules = {
    create: import('../../functions/api/payment-batches/create-payment-batch'),
    list: import('../../functions/api/payment-batches/list-payment-batches'),
    get: import('../../functions/api/payment-batches/get-payment-batch'),
    approve: import('../../functions/api/payment-batches/approve-payment-batch'),
    bankFile: import('../../functions/api/payment-batches/get-bank-file'),
    remittance: import('../../functions/api/payment-batches/get-remittance-advice'),
    paid: import('../../functions/api/payment-batches/mark-payment-batch-paid'),
    returned: import('../../functions/api/payment-batches/return-payment'),
  };
  for (const [name, module] of Object.entries(modules)) handlers[name] = (await module).handler as ApiHandler;
});

const finance1 = { sub: 'u-fin-1', role: 'finance' };
const finance2 = { sub: 'u-fin-2', role: 'finance' };
const admin = { sub: 'u-admin', role: 'admin' };
const partnerP1 = { sub: 'u-p1', role: 'partner', partnerId: 'P1' };
const partnerP2 = { sub: 'u-p2', role: 'partner', partnerId: 'P2' };

const call = handlerCaller(handlers);

describe('payment batch routes on DynamoDB Local', () => {
  it('finance builds, a second person approves, the bank file and remittance are read, the batch is paid once', async () => {
    const bad = await call('create', finance1, {
      body: { currency: 'EUR', method: 'wire', payableUpTo: '2026-02-30' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'method',
      'payableUpTo',
    ]);
    expect(
      (
        await call('create', partnerP1, {
          body: { currency: 'EUR', method: 'bankTransfer', payableUpTo: '2026-02-28' },
        })
      ).status,
    ).toBe(403);

    const created = await call('create', finance1, {
      body: {
        currency: 'EUR',
        method: 'bankTransfer',
        payableUpTo: '2026-02-28',
        requestedExecutionDate: '2026-03-10',
      },
    });
    expect(created.status).toBe(201);
    const batchId = created.json.batchId as string;
    expect([created.json.total, created.json.paymentCount]).toEqual(['100.30', 1]);
    expect(created.json.excluded).toEqual([
      expect.objectContaining({ partnerId: 'P2', claimIds: ['H-C3'], reason: 'missingBankDetails' }),
    ]);
    const path = { batchId };

    expect((await call('bankFile', finance1, { path })).status).toBe(409);
    expect((await call('approve', finance1, { path })).status).toBe(403);
    const approvals = await Promise.all([
      call('approve', finance2, { path }),
      call('approve', admin, { path }),
    ]);
    expect(approvals.map((response) => response.status).sort()).toEqual([200, 409]);

    const file = await call('bankFile', finance1, { path });
    expect(file.status).toBe(200);
    expect(file.text).toContain('<InstdAmt Ccy="EUR">100.30</InstdAmt>');
    expect(file.text).toContain('<ReqdExctnDt><Dt>2026-03-10</Dt></ReqdExctnDt>');
    expect((await call('bankFile', finance1, { path })).text).toBe(file.text);

    const advice = await call('remittance', partnerP1, { path, query: { partnerId: 'P1' } });
    expect(advice.status).toBe(200);
    expect(advice.text.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect((await call('remittance', partnerP2, { path, query: { partnerId: 'P1' } })).status).toBe(404);
    expect((await call('get', partnerP2, { path })).status).toBe(404);

    const paid = await Promise.all([call('paid', finance1, { path }), call('paid', finance2, { path })]);
    expect(paid.map((response) => response.status).sort()).toEqual([200, 409]);
    const events = bus.commandCalls(PutEventsCommand).map((command) => command.args[0].input.Entries?.[0]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ Source: 'chrm.payments', DetailType: 'PaymentBatchPaid' });

    const mine = await call('list', partnerP1, {});
    expect(mine.json.items).toEqual([
      expect.objectContaining({
        batchId,
        status: 'paid',
        batchStatus: 'paid',
        expectedPaymentDate: '2026-03-10',
      }),
    ]);
    expect(mine.json.items[0]).not.toHaveProperty('account');
    expect((await call('list', partnerP2, {})).json.items).toEqual([]);

    const returned = await call('returned', finance1, {
      path: { batchId, partnerId: 'P1' },
      body: { reason: 'AC04 closed account' },
    });
    expect([returned.status, returned.json.status]).toEqual([200, 'returned']);
    const again = await call('returned', finance1, {
      path: { batchId, partnerId: 'P1' },
      body: { reason: 'x' },
    });
    expect(again.status).toBe(409);
  });
});
