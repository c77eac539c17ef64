import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient } from '@aws-sdk/client-sfn';
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { amendDebitAuthorization } from '../../domain/ship-and-debit/debit-authorization-lifecycle';
import { approvalPolicyStore } from '../../functions/adapters/approval-policy-store';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoDebitAuthorizationStore } from '../../functions/adapters/dynamo-ship-and-debit-store';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { saleLineKey, salesByProductIndexKey } from '../../functions/adapters/table-keys/channel-lines';
import { loadConfig } from '../../functions/shared/config';
import type { ApiEvent } from '../../functions/shared/http/http-api';
import { type ApiHandler, handlerCaller } from '../support/api-handler-call';
import { storedUsdPolicy } from '../support/approval-policy-fixture';
import { waitingRequestTask } from '../support/request-approval-tasks';
import { createTestTable } from '../support/test-table';

const handlers: Record<string, ApiHandler> = {};
const bus = mockClient(EventBridgeClient);
// Requests start the request-approval workflow and decisions resume it: Step Functions answers OK.
mockClient(SFNClient);
let client: DynamoDBDocumentClient;
let table: string;
let claims: DynamoClaimStore;

/** Claims are validated against today's clock: resales shipped today, after the authorization was issued. */
const today = new Date().toISOString().slice(0, 10);
const compactToday = today.replaceAll('-', '');

const partnerA = { sub: 'u-dist-001', role: 'partner', partnerId: 'DIST-001' };
const partnerB = { sub: 'u-dist-002', role: 'partner', partnerId: 'DIST-002' };
const approver = { sub: 'u-appr', role: 'approver' };
const channelManager = { sub: 'u-cm', role: 'channel_manager' };

beforeAll(async () => {
  table = await createTestTable();
  Object.assign(process.env, {
    EVENT_BUS_NAME: 'chrm-test',
    UPLOADS_BUCKET: 'chrm-test-uploads',
    REQUEST_APPROVAL_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:RequestApproval',
  });
  bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
  const config = loadConfig();
  client = createDocumentClient(config);
  claims = new DynamoClaimStore(client, config.TABLE_NAME);
  const stores = masterDataStores(client, config.TABLE_NAME);
  const meta = { version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
  await stores.priceLists.create({
    priceListId: 'PL-US',
    name: 'US',
    currency: 'USD',
    status: 'active',
    ...meta,
  });
  for (const sku of ['GX-100', 'GX-200', 'GX-300']) {
    await stores.products.create({
      sku,
      name: `Part ${sku}`,
      category: 'PARTS',
      baseUom: 'EA',
      uomConversions: [],
      status: 'active',
      ...meta,
    });
  }
  for (const [sku, bookCost] of [
    ['GX-100', '2.50'],
    ['GX-200', '10.00'],
    ['GX-300', '4.00'],
  ] as const) {
    await stores.priceEntries.create({
      priceListId: 'PL-US',
      sku,
      effectiveFrom: '2026-01-01',
      listPrice: bookCost,
      bookCost,
      currency: 'USD',
      ...meta,
    });
  }
  const modules = {
    request: import('../../functions/api/ship-and-debit/request-debit-authorization'),
    decide: import('../../functions/api/approvals/decide-approval-task'),
    amend: import('../../functions/api/ship-and-debit/amend-debit-authorization'),
    cancel: import('../../functions/api/ship-and-debit/cancel-debit-authorization'),
    getAuthorization: import('../../functions/api/ship-and-debit/get-debit-authorization'),
    listAuthorizations: import('../../functions/api/ship-and-debit/list-debit-authorizations'),
    submit: import('../../functions/api/ship-and-debit/submit-ship-and-debit-claim'),
    getClaim: import('../../functions/api/ship-and-debit/get-ship-and-debit-claim'),
    listClaims: import('../../functions/api/ship-and-debit/list-ship-and-debit-claims'),
    get849: import('../../functions/api/ship-and-debit/get-ship-and-debit-849'),
    getLines: import('../../functions/api/ship-and-debit/get-ship-and-debit-claim-lines'),
    detectBillBacks: import('../../functions/api/ship-and-debit/detect-ship-and-debit-bill-backs'),
    listBillBacks: import('../../functions/api/ship-and-debit/list-ship-and-debit-bill-backs'),
    getBillBack: import('../../functions/api/ship-and-debit/get-ship-and-debit-bill-back'),
  };
  for (const [name, module] of Object.entries(modules)) handlers[name] = (await module).handler as ApiHandler;
});

type Json = ReturnType<typeof JSON.parse>;

const call = handlerCaller(handlers);

/** The waiting approval task of an authorization request (the inbox's). */
const taskOf = (authorizationNumber: string) =>
  waitingRequestTask({ kind: 'debitAuthorizationRequest', id: authorizationNumber });

/** Posts a claim file as the gateway would pass it: the raw text with its content type. */
async function submitText(as: Record<string, string>, contentType: string, text: string, query = {}) {
  const handler = handlers.submit as ApiHandler;
  const event = {
    headers: { 'content-type': contentType },
    body: text,
    queryStringParameters: query,
    isBase64Encoded: false,
    requestContext: { authorizer: { jwt: { claims: as, scopes: [] } } },
  } as unknown as ApiEvent;
  const response = await handler(event, { getRemainingTimeInMillis: () => 10_000 } as never);
  return { status: response.statusCode, json: JSON.parse(String(response.body)) as Json };
}

/** A POS sale line of DIST-001's sell-through data, stored as the ingest stores it. */
async function posSale(partnerId: string, invoice: string, line: string, sku: string, quantity: number) {
  await client.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...saleLineKey(partnerId, invoice, line),
        ...salesByProductIndexKey(partnerId, sku, today, invoice, line),
        type: 'SaleLine',
        partnerId,
        invoiceNumber: invoice,
        invoiceLine: line,
        invoiceDate: today,
        shipDate: today,
        sku,
        quantity: String(quantity),
        endCustomerId: 'EC-7788',
      },
    }),
  );
}

/** Requests (as a partner) and approves (as an approver) an authorization; returns its number. */
async function approvedAuthorization(
  lines: { sku: string; cost: string; cap: number }[],
  partner = partnerA,
): Promise<string> {
  const requested = await call('request', partner, {
    body: {
      currency: 'USD',
      bookCostBasis: 'priceListOnShipDate',
      priceListId: 'PL-US',
      coverage: { kind: 'endCustomer', endCustomerId: 'EC-7788' },
      validFrom: today,
      validTo: '2027-12-31',
      lines: lines.map((line) => ({
        productSku: line.sku,
        pricing: { method: 'downTo', authorizedCost: line.cost },
        quantityCap: line.cap,
      })),
    },
  });
  expect(requested.status).toBe(201);
  const number = requested.json.authorizationNumber as string;
  const approved = await call('decide', approver, {
    path: { taskId: await taskOf(number) },
    body: { decision: 'approve' },
  });
  expect(approved.status).toBe(200);
  return number;
}

/** An 844 claim under one authorization with the given PAD loops (product, invoice, quantity, costs, amount). */
function x12844(
  claimNumber: string,
  authorizationNumber: string,
  pads: { sku: string; invoice: string; book: string; cost: string; quantity: number; amount: string }[],
  totals: { lines?: number } = {},
): string {
  const body = [
    `BAA*00*ZZ*${compactToday}*ZZ*${claimNumber}`,
    'CUR*SE*USD',
    'N1*DS*ACME ELECTRONICS DISTRIBUTION*92*DIST-001',
    'N1*SU*GLOBEX SEMICONDUCTOR*92*SUPP-01',
    `CON*CT*${authorizationNumber}*VA`,
    'N1*EN*INITECH CORP*92*EC-7788',
    ...pads.flatMap((pad, index) => [
      `PAD*${index + 1}*SD`,
      `LIN**VP*${pad.sku}`,
      `UIT*EA*${pad.book}*DI`,
      `UIT*EA*${pad.cost}*CT`,
      `QTY*39*${pad.quantity}*EA`,
      `AMT*1*${pad.amount}`,
      `REF*IV*${pad.invoice}`,
      `DTM*011*${compactToday}`,
    ]),
    `CTT*${totals.lines ?? pads.length}`,
  ];
  const segments = [
    `ISA*00*          *00*          *ZZ*ACMEDIST       *ZZ*GLOBEXSEMI     *${compactToday.slice(2)}*1200*U*00401*000000844*0*T*>`,
    `GS*CF*ACMEDIST*GLOBEXSEMI*${compactToday}*1200*844*X*004010`,
    'ST*844*0001',
    ...body,
    `SE*${body.length + 2}*0001`,
    'GE*1*844',
    'IEA*1*000000844',
  ];
  return `${segments.join('~\n')}~\n`;
}

describe('debit authorizations over HTTP', () => {
  it('a partner requests, an approver authorizes a lower cap; a second decision is a 409', async () => {
    const requested = await call('request', partnerA, {
      body: {
        currency: 'USD',
        bookCostBasis: 'priceListOnShipDate',
        priceListId: 'PL-US',
        coverage: { kind: 'endCustomer', endCustomerId: 'EC-7788' },
        validFrom: today,
        validTo: '2027-06-30',
        justification: 'Initech competes with a Taiwanese part at 1.75',
        lines: [
          { productSku: 'GX-100', pricing: { method: 'downTo', authorizedCost: '1.75' }, quantityCap: 5000 },
        ],
      },
    });
    expect(requested.status).toBe(201);
    expect(requested.json).toMatchObject({ status: 'requested', partnerId: 'DIST-001', version: 1 });
    const number = requested.json.authorizationNumber as string;
    const taskId = await taskOf(number);

    const approved = await call('decide', approver, {
      path: { taskId },
      body: {
        decision: 'approve',
        comment: 'cost 1.80, 4,000 units',
        lines: [
          { productSku: 'GX-100', pricing: { method: 'downTo', authorizedCost: '1.80' }, quantityCap: 4000 },
        ],
      },
    });
    const again = await call('decide', approver, {
      path: { taskId },
      body: { decision: 'reject', comment: 'too late' },
    });

    expect(approved.status).toBe(200);
    expect(approved.json.task).toMatchObject({
      status: 'decided',
      outcome: 'decided',
      subject: { kind: 'debitAuthorizationRequest', id: number, partnerId: 'DIST-001' },
    });
    expect(approved.json.request).toMatchObject({ status: 'approved', version: 2, issuedOn: today });
    expect(approved.json.request.lines).toEqual([
      expect.objectContaining({ productSku: 'GX-100', quantityCap: 4000, remainingQuantity: 4000 }),
    ]);
    expect(approved.json.request.history).toEqual([
      expect.objectContaining({ version: 1, status: 'requested' }),
    ]);
    expect(again.status).toBe(409);
  });

  it('the channel manager who requested does not decide it (approvers do): 403', async () => {
    const requested = await call('request', channelManager, {
      body: {
        partnerId: 'DIST-001',
        currency: 'USD',
        bookCostBasis: 'acquisitionCost',
        coverage: { kind: 'endCustomer', endCustomerId: 'EC-7788' },
        validFrom: today,
        validTo: '2027-06-30',
        lines: [
          { productSku: 'GX-300', pricing: { method: 'downBy', amountPerUnit: '0.50' }, quantityCap: 10 },
        ],
      },
    });
    const decided = await call('decide', channelManager, {
      path: { taskId: await taskOf(requested.json.authorizationNumber) },
      body: { decision: 'approve' },
    });

    expect(requested.status).toBe(201);
    expect(decided.status).toBe(403);
  });

  it('bad input is a 400 naming the field: a down-by percent over 100, validTo before validFrom, no price list', async () => {
    const response = await call('request', partnerA, {
      body: {
        currency: 'USD',
        bookCostBasis: 'priceListOnShipDate',
        coverage: { kind: 'endCustomer', endCustomerId: 'EC-7788' },
        validFrom: '2027-01-01',
        validTo: '2026-01-01',
        lines: [
          { productSku: 'GX-100', pricing: { method: 'downByPercent', percent: '120' }, quantityCap: 5 },
        ],
      },
    });

    expect(response.status).toBe(400);
    const paths = (response.json.errors as { path: string }[]).map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['validTo', 'priceListId', 'lines.0.pricing.percent']));
  });

  it('terms naming a product or price list the master data lacks are a 422 naming the field', async () => {
    const response = await call('request', partnerA, {
      body: {
        currency: 'USD',
        bookCostBasis: 'priceListOnShipDate',
        priceListId: 'PL-NOPE',
        coverage: { kind: 'endCustomer', endCustomerId: 'EC-7788' },
        validFrom: today,
        validTo: '2027-06-30',
        lines: [
          { productSku: 'GX-100', pricing: { method: 'downBy', amountPerUnit: '0.10' }, quantityCap: 5 },
          { productSku: 'GX-999', pricing: { method: 'downBy', amountPerUnit: '0.10' }, quantityCap: 5 },
        ],
      },
    });

    expect(response.status).toBe(422);
    expect(response.json.errors).toEqual([
      { path: 'lines.1.productSku', message: 'is not a product (GX-999)' },
      { path: 'priceListId', message: 'is not a price list (PL-NOPE)' },
    ]);
  });

  it('another partner reading, listing, or requesting for an authorization is refused: 404, nothing listed, 403', async () => {
    const number = await approvedAuthorization([{ sku: 'GX-100', cost: '1.80', cap: 10 }]);

    const read = await call('getAuthorization', partnerB, { path: { authorizationNumber: number } });
    const listed = await call('listAuthorizations', partnerB);
    const asked = await call('listAuthorizations', partnerB, { query: { partnerId: 'DIST-001' } });
    const own = await call('listAuthorizations', partnerA);
    const forOther = await call('request', partnerB, {
      body: {
        partnerId: 'DIST-001',
        currency: 'USD',
        bookCostBasis: 'acquisitionCost',
        coverage: { kind: 'endCustomer', endCustomerId: 'EC-7788' },
        validFrom: today,
        validTo: '2027-06-30',
        lines: [{ productSku: 'GX-100', pricing: { method: 'downBy', amountPerUnit: '1' }, quantityCap: 1 }],
      },
    });

    expect(read.status).toBe(404);
    expect(listed.json.items).toEqual([]);
    expect(asked.json.items).toEqual([]);
    expect(
      (own.json.items as { authorizationNumber: string }[]).map((item) => item.authorizationNumber),
    ).toContain(number);
    expect(forOther.status).toBe(403);
  });

  it('an amendment keeps what claims took: cap 10 → 25 leaves 25 − used; below the used units is a 422', async () => {
    const number = await approvedAuthorization([{ sku: 'GX-300', cost: '3.00', cap: 10 }]);
    await posSale('DIST-001', 'INV-AM-1', '1', 'GX-300', 6);
    const claimed = await call('submit', partnerA, {
      body: {
        claimNumber: 'DM-AM-1',
        currency: 'USD',
        lines: [
          {
            authorizationNumber: number,
            invoiceNumber: 'INV-AM-1',
            invoiceLine: '1',
            shipDate: today,
            endCustomerId: 'EC-7788',
            productSku: 'GX-300',
            quantity: 6,
            bookCost: '4.00',
            authorizedCost: '3.00',
            amount: '6.00',
          },
        ],
      },
    });
    expect(claimed.status).toBe(201);
    const terms = (cap: number) => ({
      coverage: { kind: 'endCustomer', endCustomerId: 'EC-7788' },
      validFrom: today,
      validTo: '2027-12-31',
      lines: [
        { productSku: 'GX-300', pricing: { method: 'downTo', authorizedCost: '3.00' }, quantityCap: cap },
      ],
    });

    const below = await call('amend', channelManager, {
      path: { authorizationNumber: number },
      body: { ...terms(5), reason: 'volume cut' },
    });
    const raised = await call('amend', channelManager, {
      path: { authorizationNumber: number },
      body: { ...terms(25), reason: 'Initech doubled its order' },
    });

    expect(below.status).toBe(422);
    expect(raised.status).toBe(200);
    expect(raised.json).toMatchObject({ status: 'amended', version: 3 });
    expect(raised.json.lines[0]).toMatchObject({ quantityCap: 25, remainingQuantity: 19 });
    expect(raised.json.history.map((version: { version: number }) => version.version)).toEqual([1, 2]);
  });
});

describe('debit authorization storage', () => {
  it('an amendment read before a claim took units cannot cut the cap below them: its conditional write is refused', async () => {
    const number = await approvedAuthorization([{ sku: 'GX-300', cost: '3.00', cap: 10 }]);
    const store = new DynamoDebitAuthorizationStore(client, table);
    const stale = await store.get(number);
    if (stale === undefined) throw new Error('no authorization');
    await posSale('DIST-001', 'INV-RACE-AM', '1', 'GX-300', 6);
    const claimed = await call('submit', partnerA, {
      body: {
        claimNumber: 'DM-RACE-AM',
        currency: 'USD',
        lines: [
          {
            authorizationNumber: number,
            invoiceNumber: 'INV-RACE-AM',
            invoiceLine: '1',
            shipDate: today,
            endCustomerId: 'EC-7788',
            productSku: 'GX-300',
            quantity: 6,
            bookCost: '4.00',
            authorizedCost: '3.00',
            amount: '6.00',
          },
        ],
      },
    });
    expect(claimed.json.results[0]).toMatchObject({ outcome: 'approved', approvedQuantity: 6 });

    // Read when nothing was claimed, the amendment to a cap of 5 looks valid: remaining would be 5 − 0.
    const amended = amendDebitAuthorization(
      stale,
      { ...stale, lines: stale.lines.map((line) => ({ ...line, quantityCap: 5, remainingQuantity: 5 })) },
      { at: new Date().toISOString(), by: 'u-cm', reason: 'cut' },
    );
    const written = await store.replace(stale, amended);

    expect(written).toBe(false);
    expect((await store.get(number))?.lines[0]).toMatchObject({ quantityCap: 10, remainingQuantity: 4 });
  });
});

describe('ship & debit claims over HTTP', () => {
  it('an 844 is validated line by line: 1,000 × (2.50 − 1.80) = 700.00 approved, 120 cut to 100 (04), a duplicate invoice line (28)', async () => {
    const number = await approvedAuthorization([
      { sku: 'GX-100', cost: '1.80', cap: 5000 },
      { sku: 'GX-200', cost: '8.25', cap: 100 },
    ]);
    await posSale('DIST-001', 'INV-55501', '1', 'GX-100', 1000);
    await posSale('DIST-001', 'INV-55502', '1', 'GX-200', 120);
    const file = x12844('DM-2026-000123', number, [
      { sku: 'GX-100', invoice: 'INV-55501', book: '2.50', cost: '1.80', quantity: 1000, amount: '700.00' },
      { sku: 'GX-200', invoice: 'INV-55502', book: '10.00', cost: '8.25', quantity: 120, amount: '210.00' },
      { sku: 'GX-100', invoice: 'INV-55501', book: '2.50', cost: '1.80', quantity: 1000, amount: '700.00' },
    ]);

    const submitted = await submitText(partnerA, 'application/edi-x12', file);
    const resent = await submitText(partnerA, 'application/edi-x12', file);

    expect(submitted.status).toBe(201);
    expect(submitted.json).toMatchObject({
      claimNumber: 'DM-2026-000123',
      channel: 'x12-844',
      amountClaimed: '1610.00',
      amountApproved: '875.00',
    });
    expect(submitted.json.results).toEqual([
      expect.objectContaining({
        lineNumber: 1,
        outcome: 'approved',
        approvedQuantity: 1000,
        approvedAmount: '700.00',
      }),
      expect.objectContaining({
        lineNumber: 2,
        outcome: 'partiallyApproved',
        x12Code: '04',
        approvedQuantity: 100,
        approvedAmount: '175.00',
      }),
      expect.objectContaining({ lineNumber: 3, outcome: 'rejected', x12Code: '28', followUp: 'N' }),
    ]);
    expect(submitted.json.response849).toBeUndefined();
    expect(resent.status).toBe(200);
    expect(resent.json.claimId).toBe(submitted.json.claimId);

    const claimId = submitted.json.claimId as string;
    const response849 = await call('get849', partnerA, { path: { shipAndDebitClaimId: claimId } });
    expect(response849.status).toBe(200);
    expect(response849.text).toContain('ST*849*0001~');
    expect(response849.text).toContain('AAA*N**04*C~');
    expect(response849.text).toContain('AAA*N**28*N~');
    expect(response849.text).toContain('AMT*TT*875.00~');
    const lines = await call('getLines', partnerA, { path: { shipAndDebitClaimId: claimId } });
    expect(lines.text.split('\r\n')[2]).toContain(
      'partiallyApproved,04,C,authorized quantity exceeded,100,175.00',
    );

    const authorization = await call('getAuthorization', partnerA, { path: { authorizationNumber: number } });
    expect(authorization.json.lines).toEqual([
      expect.objectContaining({ productSku: 'GX-100', remainingQuantity: 4000 }),
      expect.objectContaining({ productSku: 'GX-200', remainingQuantity: 0 }),
    ]);

    const settlement = await claims.get(submitted.json.settlementClaimId as string);
    expect(settlement).toMatchObject({
      type: 'shipAndDebit',
      partnerId: 'DIST-001',
      status: 'validated',
      amountClaimed: '875.00',
    });
    expect(settlement?.lines).toHaveLength(2);
    const published = bus
      .commandCalls(PutEventsCommand)
      .flatMap((call) => call.args[0].input.Entries ?? [])
      .map((entry) => entry.DetailType);
    expect(published).toEqual(expect.arrayContaining(['ClaimSubmitted', 'ShipAndDebitClaimValidated']));
  });

  it('a later claim on an invoice line already claimed is rejected 28; another partner’s authorization is rejected 01 and unreadable to it (404)', async () => {
    const number = await approvedAuthorization([{ sku: 'GX-100', cost: '1.80', cap: 5000 }]);
    await posSale('DIST-001', 'INV-DUP-1', '1', 'GX-100', 10);
    await posSale('DIST-002', 'INV-B-1', '1', 'GX-100', 10);
    const line = (invoice: string) => ({
      authorizationNumber: number,
      invoiceNumber: invoice,
      invoiceLine: '1',
      shipDate: today,
      endCustomerId: 'EC-7788',
      productSku: 'GX-100',
      quantity: 10,
      bookCost: '2.50',
      authorizedCost: '1.80',
      amount: '7.00',
    });

    const first = await call('submit', partnerA, {
      body: { claimNumber: 'DM-DUP-1', currency: 'USD', lines: [line('INV-DUP-1')] },
    });
    const second = await call('submit', partnerA, {
      body: { claimNumber: 'DM-DUP-2', currency: 'USD', lines: [line('INV-DUP-1')] },
    });
    const foreign = await call('submit', partnerB, {
      body: { claimNumber: 'DM-B-1', currency: 'USD', lines: [line('INV-B-1')] },
    });
    const foreignRead = await call('getClaim', partnerB, {
      path: { shipAndDebitClaimId: first.json.claimId },
    });
    const foreign849 = await call('get849', partnerB, { path: { shipAndDebitClaimId: first.json.claimId } });
    const foreignLines = await call('getLines', partnerB, {
      path: { shipAndDebitClaimId: first.json.claimId },
    });
    const foreignList = await call('listClaims', partnerB);

    expect(first.json.results[0]).toMatchObject({ outcome: 'approved', approvedAmount: '7.00' });
    expect(second.status).toBe(201);
    expect(second.json.results[0]).toMatchObject({ outcome: 'rejected', x12Code: '28' });
    expect(second.json.settlementClaimId).toBeUndefined();
    expect(foreign.json.results[0]).toMatchObject({ outcome: 'rejected', x12Code: '01' });
    expect([foreignRead.status, foreign849.status, foreignLines.status]).toEqual([404, 404, 404]);
    expect(
      (foreignList.json.items as { partnerId: string }[]).every((claim) => claim.partnerId === 'DIST-002'),
    ).toBe(true);
  });

  it('a malformed 844 is a 422 naming each segment at fault: CTT01 count, unknown CON qualifier', async () => {
    const file = x12844(
      'DM-BAD-1',
      'DA-X',
      [{ sku: 'GX-100', invoice: 'INV-X', book: '2.50', cost: '1.80', quantity: 1, amount: '0.70' }],
      { lines: 3 },
    ).replace('CON*CT*', 'CON*ZZ*');

    const response = await submitText(partnerA, 'application/edi-x12', file);

    expect(response.status).toBe(422);
    expect(response.json.errors).toEqual(
      expect.arrayContaining([
        { path: 'segment.8', message: expect.stringContaining("unknown_qualifier: CON01 'ZZ'") },
        { path: 'segment.18', message: expect.stringContaining('totals_mismatch: CTT01 says 3') },
      ]),
    );
  });

  it('a CSV claim is read by its header; wrong columns are a 422 naming them', async () => {
    const number = await approvedAuthorization([{ sku: 'GX-100', cost: '1.80', cap: 50 }]);
    await posSale('DIST-001', 'INV-CSV-1', '3', 'GX-100', 40);
    const header =
      'authorization_number,invoice_number,invoice_line,ship_date,end_customer_id,product_sku,quantity,book_cost,authorized_cost,amount';

    const wrong = await submitText(partnerA, 'text/csv', 'invoice,sku,qty\nINV-1,GX-100,4\n', {
      claimNumber: 'DM-CSV-0',
      currency: 'USD',
    });
    const good = await submitText(
      partnerA,
      'text/csv',
      `${header}\n${number},INV-CSV-1,3,${today},EC-7788,GX-100,40,2.50,1.80,28.00\n${number},INV-CSV-2,1,${today},EC-7788,GX-100,-4,2.50,1.80,0\n`,
      { claimNumber: 'DM-CSV-1', currency: 'USD' },
    );

    expect(wrong.status).toBe(422);
    expect(wrong.json.errors).toEqual(
      expect.arrayContaining([
        { path: 'line.1', message: "wrong_columns: column 'invoice' is not a claim column" },
        { path: 'line.1', message: "wrong_columns: the header has no 'authorization_number' column" },
      ]),
    );
    expect(good.status).toBe(201);
    expect(good.json).toMatchObject({ channel: 'csv', amountApproved: '28.00' });
    expect(good.json.unreadableLines).toEqual([expect.objectContaining({ lineNumber: 2, x12Code: '33' })]);
  });

  it('a cancelled authorization rejects later claim lines with 23', async () => {
    const number = await approvedAuthorization([{ sku: 'GX-100', cost: '1.80', cap: 50 }]);
    await posSale('DIST-001', 'INV-CX-1', '1', 'GX-100', 5);
    const cancelled = await call('cancel', channelManager, {
      path: { authorizationNumber: number },
      body: { reason: 'Initech went elsewhere' },
    });

    const claim = await call('submit', partnerA, {
      body: {
        claimNumber: 'DM-CX-1',
        currency: 'USD',
        lines: [
          {
            authorizationNumber: number,
            invoiceNumber: 'INV-CX-1',
            invoiceLine: '1',
            shipDate: today,
            endCustomerId: 'EC-7788',
            productSku: 'GX-100',
            quantity: 5,
            bookCost: '2.50',
            authorizedCost: '1.80',
            amount: '3.50',
          },
        ],
      },
    });

    expect(cancelled.json.status).toBe('cancelled');
    expect(claim.json.results[0]).toMatchObject({ outcome: 'rejected', x12Code: '23' });
  });

  it('12 concurrent claims of 10 units on a cap of 100 take exactly 100: ten approved, two at zero balance (05), never below zero', async () => {
    const number = await approvedAuthorization([{ sku: 'GX-200', cost: '8.25', cap: 100 }]);
    const invoices = Array.from({ length: 12 }, (_, index) => `INV-RACE-${index}`);
    for (const invoice of invoices) await posSale('DIST-001', invoice, '1', 'GX-200', 10);

    const responses = await Promise.all(
      invoices.map((invoice, index) =>
        call('submit', partnerA, {
          body: {
            claimNumber: `DM-RACE-${index}`,
            currency: 'USD',
            lines: [
              {
                authorizationNumber: number,
                invoiceNumber: invoice,
                invoiceLine: '1',
                shipDate: today,
                endCustomerId: 'EC-7788',
                productSku: 'GX-200',
                quantity: 10,
                bookCost: '10.00',
                authorizedCost: '8.25',
                amount: '17.50',
              },
            ],
          },
        }),
      ),
    );

    expect(responses.map((response) => response.status)).toEqual(invoices.map(() => 201));
    const results = responses.map((response) => response.json.results[0]);
    const approvedUnits = results.reduce((sum, result) => sum + result.approvedQuantity, 0);
    expect(approvedUnits).toBe(100);
    expect(results.filter((result) => result.x12Code === '05')).toHaveLength(2);
    const authorization = await call('getAuthorization', partnerA, { path: { authorizationNumber: number } });
    expect(authorization.json.lines[0].remainingQuantity).toBe(0);
  });
});

/** A JSON claim line of DIST-002: `quantity` GX-300 (book 4.00, down to 3.00: 1.00 a unit) on line 1 of `invoice`. */
const gx300Line = (number: string, invoice: string, quantity: number) => ({
  authorizationNumber: number,
  invoiceNumber: invoice,
  invoiceLine: '1',
  shipDate: today,
  endCustomerId: 'EC-7788',
  productSku: 'GX-300',
  quantity,
  bookCost: '4.00',
  authorizedCost: '3.00',
  amount: `${quantity}.00`,
});

describe('bill-backs over HTTP', () => {
  const claimOfGx300 = (claimNumber: string, number: string, invoice: string, quantity: number) =>
    call('submit', partnerB, {
      body: { claimNumber, currency: 'USD', lines: [gx300Line(number, invoice, quantity)] },
    });

  it('a return of 4 of 10 credited GX-300 is billed back once (−4.00) by two concurrent detections, gives the 4 units back, shows on the claim, and the next claim settles 6.00 − 4.00', async () => {
    const number = await approvedAuthorization([{ sku: 'GX-300', cost: '3.00', cap: 20 }], partnerB);
    await posSale('DIST-002', 'INV-BB-1', '1', 'GX-300', 10);
    const credited = await claimOfGx300('DM-BB-1', number, 'INV-BB-1', 10);
    await posSale('DIST-002', 'INV-BB-1', '2', 'GX-300', -4);
    const range = { partnerId: 'DIST-002', from: today, to: today };

    const detections = await Promise.all([
      call('detectBillBacks', channelManager, { body: range }),
      call('detectBillBacks', channelManager, { body: range }),
    ]);

    expect(credited.json).toMatchObject({ amountApproved: '10.00' });
    expect(detections.map((detection) => detection.status)).toEqual([200, 200]);
    const made = detections.flatMap((detection) => detection.json.created);
    expect(made).toEqual([
      expect.objectContaining({ quantity: 4, amount: '-4.00', restoredQuantity: 4, status: 'open' }),
    ]);
    expect(detections.flatMap((detection) => detection.json.existing)).toEqual([made[0]]);
    const billBackId = made[0].billBackId as string;
    const authorization = await call('getAuthorization', partnerB, { path: { authorizationNumber: number } });
    expect(authorization.json.lines[0].remainingQuantity).toBe(20 - 10 + 4);
    const claim = await call('getClaim', partnerB, { path: { shipAndDebitClaimId: credited.json.claimId } });
    expect(claim.json.reversals).toEqual([
      {
        claimId: credited.json.claimId,
        lineNumber: 1,
        quantity: 4,
        amount: '4.00',
        billBackIds: [billBackId],
      },
    ]);

    await posSale('DIST-002', 'INV-BB-2', '1', 'GX-300', 6);
    const next = await claimOfGx300('DM-BB-2', number, 'INV-BB-2', 6);

    expect(next.json).toMatchObject({
      amountApproved: '6.00',
      billBackOffsets: [{ billBackId, amount: '4.00' }],
    });
    const settlement = await claims.get(next.json.settlementClaimId);
    expect(settlement).toMatchObject({ amountClaimed: '2.00', type: 'shipAndDebit' });
    const billBack = await call('getBillBack', partnerB, { path: { billBackId } });
    expect(billBack.json).toMatchObject({ status: 'offset', offsetByClaimId: next.json.claimId });
  });

  it('bill-backs are the partner’s own: another partner gets 404 and an empty list, a partner may not detect (403), a year-long range is the most', async () => {
    const listed = await call('listBillBacks', partnerB);
    const billBackId = listed.json.items[0]?.billBackId as string;

    expect(listed.json.items).toHaveLength(1);
    expect((await call('getBillBack', partnerA, { path: { billBackId } })).status).toBe(404);
    expect((await call('listBillBacks', partnerA)).json.items).toEqual([]);
    expect((await call('listBillBacks', partnerA, { query: { partnerId: 'DIST-002' } })).json.items).toEqual(
      [],
    );
    const range = { partnerId: 'DIST-002', from: today, to: today };
    expect((await call('detectBillBacks', partnerB, { body: range })).status).toBe(403);
    const tooLong = await call('detectBillBacks', channelManager, {
      body: { ...range, from: '2020-01-01' },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.errors).toEqual([expect.objectContaining({ path: 'to' })]);
  });
});

describe('per-line auto-approval', () => {
  it('with auto-approval below 5.00 a claim of 3 and 7 GX-300 splits its settlement: 7.00 for people on CLM-SD-…, 3.00 on CLM-SD-…-A', async () => {
    const number = await approvedAuthorization([{ sku: 'GX-300', cost: '3.00', cap: 20 }], partnerB);
    await posSale('DIST-002', 'INV-PL-1', '1', 'GX-300', 3);
    await posSale('DIST-002', 'INV-PL-2', '1', 'GX-300', 7);
    await approvalPolicyStore(client, table).create(storedUsdPolicy('5.00'));
    const submitted = await call('submit', partnerB, {
      body: {
        claimNumber: 'DM-PL-1',
        currency: 'USD',
        lines: [gx300Line(number, 'INV-PL-1', 3), gx300Line(number, 'INV-PL-2', 7)],
      },
    });

    expect(submitted.json).toMatchObject({ amountApproved: '10.00', linesForReview: [2] });
    const forPeople = await claims.get(submitted.json.settlementClaimId);
    const automatic = await claims.get(submitted.json.autoSettlementClaimId);
    expect(forPeople).toMatchObject({ amountClaimed: '7.00', status: 'validated' });
    expect(automatic).toMatchObject({
      claimId: `${submitted.json.settlementClaimId}-A`,
      amountClaimed: '3.00',
    });
  });
});
