import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/deal-registration/deal-conflicts';
import type { DealRegistration } from '../../domain/deal-registration/deal-registration';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import {
  DynamoDealRegistrationStore,
  DynamoHouseAccountStore,
} from '../../functions/adapters/dynamo-deal-registration-store';
import { loadConfig } from '../../functions/shared/config';
import { type ApiHandler, handlerCaller } from '../support/api-handler-call';
import { dealRegistrationStoreContract } from '../support/deal-registration-store-contract';
import { createTestTable } from '../support/test-table';

const handlers: Record<string, ApiHandler> = {};
let expiryJob: (event: unknown, context: Context) => Promise<unknown>;
const bus = mockClient(EventBridgeClient);
let store: DynamoDealRegistrationStore;

beforeAll(async () => {
  await createTestTable();
  Object.assign(process.env, { EVENT_BUS_NAME: 'chrm-test', DEAL_REMINDER_DAYS: '14' });
  bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
  const config = loadConfig();
  store = new DynamoDealRegistrationStore(createDocumentClient(config), config.TABLE_NAME);
  const modules = {
    register: import('../../functions/api/deal-registrations/register-deal'),
    list: import('../../functions/api/deal-registrations/list-deal-registrations'),
    get: import('../../functions/api/deal-registrations/get-deal-registration'),
    submit: import('../../functions/api/deal-registrations/submit-deal-registration'),
    decide: import('../../functions/api/deal-registrations/decide-deal-registration'),
    extension: import('../../functions/api/deal-registrations/request-extension'),
    extensionDecision: import('../../functions/api/deal-registrations/decide-extension'),
    outcome: import('../../functions/api/deal-registrations/record-deal-outcome'),
    houses: import('../../functions/api/deal-registrations/list-house-accounts'),
    addHouse: import('../../functions/api/deal-registrations/add-house-account'),
    removeHouse: import('../../functions/api/deal-registrations/remove-house-account'),
    getPolicy: import('../../functions/api/deal-registrations/get-deal-policy'),
    savePolicy: import('../../functions/api/deal-registrations/save-deal-policy'),
    reminders: import('../../functions/api/deal-registrations/list-deal-reminders'),
  };
  for (const [name, module] of Object.entries(modules)) handlers[name] = (await module).handler as ApiHandler;
  expiryJob = (await import('../../functions/schedule/expire-deal-registrations'))
    .handler as typeof expiryJob;
});

const partner1 = { sub: 'u-p1', role: 'partner', partnerId: 'P1' };
const partner2 = { sub: 'u-p2', role: 'partner', partnerId: 'P2' };
const manager = { sub: 'u-cm', role: 'channel_manager' };
const approver = { sub: 'u-appr', role: 'approver' };
const admin = { sub: 'u-admin', role: 'admin' };
const today = new Date().toISOString().slice(0, 10);

const call = handlerCaller(handlers);

let unique = 0;
/** A request for a customer no other test uses, unless `customer` names one. */
function request(overrides: Record<string, unknown> = {}) {
  unique += 1;
  return {
    programId: 'DEALS-2026',
    customer: { name: `Customer ${unique} Inc.`, country: 'US', webDomain: `customer${unique}.example` },
    products: [{ sku: 'WIDGET-1', quantity: 40 }],
    estimatedValue: { amount: '125000.00', currency: 'USD' },
    closeDate: addDays(today, 60),
    description: 'Ran the pilot with their IT team',
    ...overrides,
  };
}

async function draft(as: Record<string, string>, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await call('register', as, { body: request(overrides) });
  expect(created.status).toBe(201);
  return created.json.registrationId;
}

async function approvedFor(as: Record<string, string>, overrides: Record<string, unknown> = {}) {
  const id = await draft(as, overrides);
  expect((await call('submit', as, { path: { registrationId: id } })).json.status).toBe('submitted');
  const decided = await call('decide', manager, {
    path: { registrationId: id },
    body: { decision: 'approve' },
  });
  expect(decided.status).toBe(200);
  return id;
}

describe('deal registration handlers on DynamoDB Local', () => {
  it('registers, submits, approves (90 days), extends once (30 days) and records the win', async () => {
    const id = await approvedFor(partner1);
    const approved = await call('get', partner1, { path: { registrationId: id } });
    expect(approved.json).toMatchObject({ status: 'approved', protectedUntil: addDays(today, 89) });
    const asked = await call('extension', partner1, {
      path: { registrationId: id },
      body: { activity: 'Second workshop with procurement' },
    });
    expect(asked.json.status).toBe('extensionRequested');
    const extended = await call('extensionDecision', approver, {
      path: { registrationId: id },
      body: { decision: 'approve' },
    });
    expect(extended.json).toMatchObject({ status: 'extended', protectedUntil: addDays(today, 119) });
    expect(
      (await call('extension', partner1, { path: { registrationId: id }, body: { activity: 'x' } })).status,
    ).toBe(409);
    const won = await call('outcome', partner1, { path: { registrationId: id }, body: { outcome: 'won' } });
    expect(won.json).toMatchObject({ status: 'won' });
    expect(won.json.history.map((entry: { to: string }) => entry.to)).toEqual([
      'draft',
      'submitted',
      'approved',
      'extensionRequested',
      'extended',
      'won',
    ]);
  });

  it('bad input: no tax id nor domain, absurd quantity, bad amount, close date in the past → 400/422 with the field', async () => {
    const noIdentity = await call('register', partner1, {
      body: request({ customer: { name: 'Acme', country: 'US' } }),
    });
    expect(noIdentity.status).toBe(400);
    expect(noIdentity.json.errors).toContainEqual({
      path: 'customer.taxId',
      message: 'give a tax id or a web domain',
    });
    const absurd = await call('register', partner1, {
      body: request({ products: [{ sku: 'WIDGET-1', quantity: 5_000_000 }] }),
    });
    expect(absurd.status).toBe(400);
    expect(absurd.json.errors[0].path).toBe('products.0.quantity');
    const amount = await call('register', partner1, {
      body: request({ estimatedValue: { amount: '12.345', currency: 'USD' } }),
    });
    expect(amount.json.errors[0]).toEqual({
      path: 'estimatedValue.amount',
      message: 'must have at most 2 decimals in USD',
    });
    const past = await call('register', partner1, { body: request({ closeDate: addDays(today, -1) }) });
    expect(past.status).toBe(422);
    expect(past.json.errors[0].path).toBe('closeDate');
    const header = await call('register', partner1, {
      body: request(),
      headers: { 'idempotency-key': 'bad key' },
    });
    expect(header.status).toBe(400);
    const reject = await call('decide', manager, {
      path: { registrationId: await draft(partner1) },
      body: { decision: 'maybe' },
    });
    expect(reject.status).toBe(400);
    expect((await call('get', partner1, { path: { registrationId: 'nope' } })).status).toBe(400);
  });

  it('duplicate submissions: the same content or Idempotency-Key twice is one registration (200 the second time)', async () => {
    const body = request();
    const first = await call('register', partner1, { body });
    const again = await call('register', partner1, {
      body: { ...body, customer: { ...body.customer, name: body.customer.name.toUpperCase() } },
    });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json.registrationId).toBe(first.json.registrationId);
    const keyed = request();
    const a = await call('register', partner1, { body: keyed, headers: { 'idempotency-key': 'crm-opp-77' } });
    const b = await call('register', partner1, { body: keyed, headers: { 'idempotency-key': 'crm-opp-77' } });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.json.registrationId).toBe(a.json.registrationId);
    const clash = await call('register', partner1, {
      body: request(),
      headers: { 'idempotency-key': 'crm-opp-77' },
    });
    expect(clash.status).toBe(409);
    // Racing twins: five identical posts at once make one registration.
    const racing = request();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => call('register', partner1, { body: racing })),
    );
    expect(new Set(answers.map((answer) => answer.json.registrationId)).size).toBe(1);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
  });

  it('conflicts: first come first served rejects P2 as a duplicate without naming P1 or the registration', async () => {
    const customer = { name: 'Globex Corporation', country: 'DE', taxId: 'DE 811 222 333' };
    const held = await approvedFor(partner1, { customer });
    const id = await draft(partner2, {
      customer: { name: 'GLOBEX GmbH', country: 'DE', taxId: '811222333', webDomain: 'globex.example' },
      products: [
        { sku: 'WIDGET-1', quantity: 5 },
        { sku: 'GADGET-2', quantity: 1 },
      ],
    });
    const submitted = await call('submit', partner2, { path: { registrationId: id } });
    expect(submitted.json).toMatchObject({
      status: 'rejected',
      rejection: { code: 'duplicate' },
      conflict: { kind: 'otherPartner', matchedOn: ['name', 'taxId'], skus: ['WIDGET-1'] },
    });
    const seen = JSON.stringify([
      submitted.json,
      (await call('get', partner2, { path: { registrationId: id } })).json,
    ]);
    expect(seen).not.toContain('P1');
    expect(seen).not.toContain(held);
    expect(seen).not.toContain('Globex Corporation');
    const staff = await call('get', manager, { path: { registrationId: id } });
    expect(staff.json.conflict).toMatchObject({ partnerIds: ['P1'], registrationIds: [held] });
  });

  it('two partners submitting the same customer at the same moment: exactly one keeps it, the other is the duplicate', async () => {
    const pairs = await Promise.all(
      Array.from({ length: 8 }, async (_, index) => {
        const customer = { name: `Race ${index} AG`, country: 'CH', taxId: `CHE-${index}` };
        return [await draft(partner1, { customer }), await draft(partner2, { customer })] as const;
      }),
    );
    const outcomes = await Promise.all(
      pairs.map(([first, second]) =>
        Promise.all([
          call('submit', partner1, { path: { registrationId: first } }),
          call('submit', partner2, { path: { registrationId: second } }),
        ]),
      ),
    );
    for (const [first, second] of outcomes) {
      expect([first.status, second.status]).toEqual([200, 200]);
      expect([first.json.status, second.json.status].sort()).toEqual(['rejected', 'submitted']);
    }
  });

  it('second partner at a reduced benefit: under that policy P2 goes to review at 50 % and a person approves', async () => {
    const policy = {
      conflictPolicy: 'secondPartnerReduced',
      protectionDays: 60,
      extensionDays: 15,
      reducedBenefitPercent: '50',
    };
    expect(
      (await call('savePolicy', manager, { path: { programId: 'SHARED-1' }, body: policy })).status,
    ).toBe(403);
    expect((await call('savePolicy', admin, { path: { programId: 'SHARED-1' }, body: policy })).status).toBe(
      200,
    );
    expect((await call('getPolicy', manager, { path: { programId: 'SHARED-1' } })).json).toMatchObject({
      ...policy,
      isDefault: false,
    });
    const customer = { name: 'Initech S.A.', country: 'FR', webDomain: 'initech.example' };
    await approvedFor(partner1, { programId: 'SHARED-1', customer });
    const id = await draft(partner2, { programId: 'SHARED-1', customer: { ...customer, name: 'Initech' } });
    const submitted = await call('submit', partner2, { path: { registrationId: id } });
    expect(submitted.json).toMatchObject({ status: 'inReview', benefit: { kind: 'reduced', percent: '50' } });
    const queue = await call('list', approver, { query: { status: 'inReview' } });
    expect(queue.json.items.map((item: DealRegistration) => item.registrationId)).toContain(id);
    const approved = await call('decide', approver, {
      path: { registrationId: id },
      body: { decision: 'approve' },
    });
    expect(approved.json).toMatchObject({ status: 'approved', protectedUntil: addDays(today, 59) });
    const twice = await call('decide', manager, {
      path: { registrationId: id },
      body: { decision: 'reject', reason: 'late' },
    });
    expect(twice.status).toBe(409);
  });

  it('house accounts: admin adds one, a registration naming it is rejected; partners cannot read or change the list', async () => {
    const customer = { name: 'Umbrella Ltd', country: 'GB', taxId: 'GB999' };
    expect((await call('addHouse', manager, { body: { customer } })).status).toBe(403);
    const added = await call('addHouse', admin, { body: { customer, note: 'Global account' } });
    expect(added.status).toBe(201);
    expect((await call('houses', partner1)).status).toBe(403);
    expect((await call('houses', manager)).json.items).toContainEqual(
      expect.objectContaining({ houseAccountId: added.json.houseAccountId }),
    );
    const id = await draft(partner1, {
      customer: { name: 'UMBRELLA LIMITED', country: 'GB', webDomain: 'umbrella.example' },
    });
    const submitted = await call('submit', partner1, { path: { registrationId: id } });
    expect(submitted.json).toMatchObject({ status: 'rejected', rejection: { code: 'houseAccount' } });
    expect(submitted.json.conflict.houseAccountIds).toBeUndefined();
    const removed = await call('removeHouse', admin, { path: { houseAccountId: added.json.houseAccountId } });
    expect(removed.json).toEqual({ houseAccountId: added.json.houseAccountId, removed: true });
    expect(
      (await call('removeHouse', admin, { path: { houseAccountId: added.json.houseAccountId } })).status,
    ).toBe(404);
    const later = await draft(partner1, { customer: { name: 'Umbrella', country: 'GB', taxId: 'GB 999' } });
    expect((await call('submit', partner1, { path: { registrationId: later } })).json.status).toBe(
      'submitted',
    );
  });

  it("partner isolation: every partner route answers 404 for another partner's registration; lists hold only its own", async () => {
    const own = await approvedFor(partner1);
    const path = { registrationId: own };
    expect((await call('get', partner2, { path })).status).toBe(404);
    expect((await call('submit', partner2, { path })).status).toBe(404);
    expect((await call('extension', partner2, { path, body: { activity: 'x' } })).status).toBe(404);
    expect((await call('outcome', partner2, { path, body: { outcome: 'lost' } })).status).toBe(404);
    expect((await call('decide', partner2, { path, body: { decision: 'approve' } })).status).toBe(403);
    expect((await call('extensionDecision', partner2, { path, body: { decision: 'approve' } })).status).toBe(
      403,
    );
    expect((await call('register', partner2, { body: request({ partnerId: 'P1' }) })).status).toBe(403);
    const list = await call('list', partner2, { query: { limit: '100' } });
    expect(list.json.items.every((item: DealRegistration) => item.partnerId === 'P2')).toBe(true);
    expect((await call('list', partner2, { query: { partnerId: 'P1' } })).json.items).toEqual([]);
    expect((await call('getPolicy', partner2, { path: { programId: 'DEALS-2026' } })).status).toBe(403);
    // Still P1's and untouched.
    expect((await call('get', partner1, { path })).json).toMatchObject({ status: 'approved', version: 4 });
  });

  it('the daily job expires a registration past its protection and reminds one ending within 14 days, once', async () => {
    const base = {
      partnerId: 'P3',
      programId: 'DEALS-2026',
      products: [{ sku: 'WIDGET-1', quantity: 1 }],
      estimatedValue: { amount: '10.00', currency: 'USD' as const },
      closeDate: addDays(today, 30),
      description: 'd',
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: { userId: 'u-p3', role: 'partner' },
      history: [],
      version: 1,
    };
    const ended: DealRegistration = {
      ...base,
      registrationId: 'DR-ENDED',
      customer: { name: 'Ended', country: 'US', taxId: 'E1' },
      status: 'approved',
      protectedUntil: addDays(today, -1),
    };
    const ending: DealRegistration = {
      ...base,
      registrationId: 'DR-ENDING',
      customer: { name: 'Ending', country: 'US', taxId: 'E2' },
      status: 'extended',
      protectedUntil: addDays(today, 10),
    };
    const later: DealRegistration = {
      ...base,
      registrationId: 'DR-LATER',
      customer: { name: 'Later', country: 'US', taxId: 'E3' },
      status: 'approved',
      protectedUntil: addDays(today, 40),
    };
    for (const registration of [ended, ending, later]) {
      await store.create(registration, registration.registrationId);
    }
    bus.resetHistory();
    const context = { getRemainingTimeInMillis: () => 60_000, functionName: 'expiry' } as Context;
    const result = (await expiryJob({}, context)) as { expired: string[]; reminded: string[] };
    expect(result.expired).toContain('DR-ENDED');
    expect(result.reminded).toContain('DR-ENDING');
    expect([...result.expired, ...result.reminded]).not.toContain('DR-LATER');
    const sent = bus.commandCalls(PutEventsCommand).map((command) => command.args[0].input.Entries?.[0]);
    expect(sent).toContainEqual(expect.objectContaining({ DetailType: 'DealRegistrationExpired' }));
    const reminder = sent.find((entry) => entry?.DetailType === 'DealRegistrationExpiring');
    expect(JSON.parse(String(reminder?.Detail))).toMatchObject({
      registrationId: 'DR-ENDING',
      partnerId: 'P3',
      daysLeft: 10,
      extensionAvailable: false,
    });
    expect((await store.get('DR-ENDED'))?.status).toBe('expired');
    const again = (await expiryJob({}, context)) as { expired: string[]; reminded: string[] };
    expect(again.reminded).not.toContain('DR-ENDING');
    expect(again.expired).not.toContain('DR-ENDED');

    // The outbox the portal reads: P3 and the channel managers see the one reminder, P1 none of it.
    const partner3 = { sub: 'u-p3', role: 'partner', partnerId: 'P3' };
    const own = await call('reminders', partner3);
    expect(own.json.items).toEqual([
      expect.objectContaining({
        registrationId: 'DR-ENDING',
        customerName: 'Ending',
        protectedUntil: addDays(today, 10),
        daysLeft: 10,
        extensionAvailable: false,
      }),
    ]);
    const staff = await call('reminders', manager, { query: { partnerId: 'P3' } });
    expect(staff.json.items).toEqual(own.json.items);
    expect((await call('reminders', manager)).json.items).toContainEqual(own.json.items[0]);
    expect((await call('reminders', partner1, { query: { partnerId: 'P3' } })).json.items).toEqual([]);
    expect((await call('reminders', partner1)).json.items).toEqual([]);
  });
});

dealRegistrationStoreContract('DynamoDealRegistrationStore', async () => {
  const config = loadConfig();
  return {
    registrations: store,
    houseAccounts: new DynamoHouseAccountStore(createDocumentClient(config), config.TABLE_NAME),
  };
});
