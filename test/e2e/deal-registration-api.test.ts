import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/deal-registration/deal-conflicts';
import type { DealRegistration } from '../../domain/deal-registration/deal-registration';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoDealRegistrationStore } from '../../functions/adapters/dynamo-deal-registration-store';
import { loadConfig } from '../../functions/shared/config';
import { entryMetadataKey } from '../../infra/constructs/chrm-function';
import { resourcesOfType } from '../../infra/local/template';
import { chrmTemplates } from '../../infra/local/template-cache';
import { localStackPerFile } from './local-api';
import { uploadPos } from './pos-upload';

const local = localStackPerFile('masterData');
const { api } = local;

const token = (user: string) => local.stack.tokens[user];
const manager = () => token('demo-channel-manager');
const approver = () => token('demo-approver');
const admin = () => token('demo-admin');
const north = () => token('demo-partner-dist-north');
const acme = () => token('demo-partner-res-acme');
const today = () => new Date().toISOString().slice(0, 10);

const registration = (customer: Record<string, string>, overrides: Record<string, unknown> = {}) => ({
  programId: 'DEALS-E2E',
  customer,
  products: [
    { sku: 'WIDGET-1', quantity: 40 },
    { sku: 'GADGET-2', quantity: 4 },
  ],
  estimatedValue: { amount: '125000.00', currency: 'USD' },
  closeDate: addDays(today(), 45),
  description: 'Ran the proof of concept with their plant engineers',
  ...overrides,
});

/** Registers and submits for a partner; the submitted registration. */
async function submitted(partnerToken: string | undefined, body: unknown) {
  const created = await api('POST', '/deal-registrations', { token: partnerToken, body });
  expect(created.status).toBe(201);
  const answer = await api('POST', `/deal-registrations/${created.json.registrationId}/submit`, {
    token: partnerToken,
  });
  expect(answer.status).toBe(200);
  return answer.json as DealRegistration;
}

/** Runs the daily expiry Lambda as its schedule would, from the synthesized template. */
async function runDailyJob() {
  const templates = await chrmTemplates();
  const logicalId = Object.values(templates)
    .flatMap((template) => resourcesOfType(template, 'AWS::Lambda::Function'))
    .find(
      ([, resource]) =>
        resource.Metadata?.[entryMetadataKey] === 'functions/schedule/expire-deal-registrations.ts',
    )?.[0];
  if (logicalId === undefined) throw new Error('no expiry function in the templates');
  return (await local.stack.functions.invoke(logicalId, {})) as { expired: string[]; reminded: string[] };
}

describe('deal registration through the HTTP API', () => {
  it('registration → conflict check → approval → extension → win, with duplicates answered, not twinned', async () => {
    const body = registration({ name: 'Hooli Inc.', country: 'US', webDomain: 'hooli.example' });
    const first = await api('POST', '/deal-registrations', {
      token: north(),
      body,
      headers: { 'idempotency-key': 'crm-4711' },
    });
    const repeat = await api('POST', '/deal-registrations', {
      token: north(),
      body,
      headers: { 'idempotency-key': 'crm-4711' },
    });
    const sameContent = await api('POST', '/deal-registrations', { token: north(), body });
    expect([first.status, repeat.status, sameContent.status]).toEqual([201, 200, 200]);
    const id = first.json.registrationId;
    expect(repeat.json.registrationId).toBe(id);
    expect(sameContent.json.registrationId).toBe(id);

    const sent = await api('POST', `/deal-registrations/${id}/submit`, { token: north() });
    expect(sent.json).toMatchObject({ status: 'submitted', benefit: { kind: 'full' } });
    const queue = await api('GET', '/deal-registrations?status=submitted', { token: manager() });
    expect(queue.json.items.map((item: DealRegistration) => item.registrationId)).toContain(id);
    const approved = await api('POST', `/deal-registrations/${id}/decision`, {
      token: manager(),
      body: { decision: 'approve' },
    });
    expect(approved.json).toMatchObject({ status: 'approved', protectedUntil: addDays(today(), 89) });

    const extension = await api('POST', `/deal-registrations/${id}/extension`, {
      token: north(),
      body: { activity: 'Pilot extended to a second plant' },
    });
    expect(extension.json.status).toBe('extensionRequested');
    const extended = await api('POST', `/deal-registrations/${id}/extension/decision`, {
      token: approver(),
      body: { decision: 'approve' },
    });
    expect(extended.json).toMatchObject({ status: 'extended', protectedUntil: addDays(today(), 119) });

    const won = await api('POST', `/deal-registrations/${id}/outcome`, {
      token: north(),
      body: { outcome: 'won', note: 'PO 88-1021' },
    });
    expect(won.json).toMatchObject({ status: 'won', outcome: { note: 'PO 88-1021' } });
    const mine = await api('GET', '/deal-registrations', { token: north() });
    expect(mine.json.items.filter((item: DealRegistration) => item.registrationId === id)).toHaveLength(1);
  });

  it('a second partner on a held customer is rejected as a duplicate, and sees neither the holder nor its customer name', async () => {
    const held = await submitted(
      north(),
      registration({ name: 'Pied Piper LLC', country: 'US', taxId: '94-1234567' }),
    );
    expect(held.status).toBe('submitted');
    const second = await submitted(
      acme(),
      registration(
        { name: 'PIED PIPER, INC.', country: 'US', webDomain: 'piedpiper.example' },
        {
          products: [{ sku: 'GADGET-2', quantity: 10 }],
        },
      ),
    );
    expect(second).toMatchObject({
      status: 'rejected',
      rejection: { code: 'duplicate', reason: 'Another partner registered this customer for GADGET-2 first' },
      conflict: { kind: 'otherPartner', matchedOn: ['name'], skus: ['GADGET-2'] },
    });
    const asSeen = JSON.stringify(
      (await api('GET', `/deal-registrations/${second.registrationId}`, { token: acme() })).json,
    );
    expect(asSeen).not.toContain('DIST-NORTH');
    expect(asSeen).not.toContain(held.registrationId);
    expect(asSeen).not.toContain('Pied Piper LLC');
    const staff = await api('GET', `/deal-registrations/${second.registrationId}`, { token: manager() });
    expect(staff.json.conflict).toMatchObject({
      partnerIds: ['DIST-NORTH'],
      registrationIds: [held.registrationId],
    });
  });

  it('house accounts (admin) reject registrations of that customer; partners are refused the list', async () => {
    const added = await api('POST', '/house-accounts', {
      token: admin(),
      body: {
        customer: { name: 'Massive Dynamic Corp', country: 'US', webDomain: 'massivedynamic.example' },
      },
    });
    expect(added.status).toBe(201);
    expect((await api('GET', '/house-accounts', { token: north() })).status).toBe(403);
    const refused = await submitted(
      north(),
      registration({
        name: 'Massive Dynamic',
        country: 'US',
        webDomain: 'https://www.massivedynamic.example/',
      }),
    );
    expect(refused).toMatchObject({ status: 'rejected', rejection: { code: 'houseAccount' } });
    const removed = await api('DELETE', `/house-accounts/${added.json.houseAccountId}`, { token: admin() });
    expect(removed.json).toEqual({ houseAccountId: added.json.houseAccountId, removed: true });
  });

  it('bad input is a problem with the field: missing customer identity, absurd quantity, absurd close date', async () => {
    const noIdentity = await api('POST', '/deal-registrations', {
      token: north(),
      body: registration({ name: 'Nobody', country: 'US' }),
    });
    expect(noIdentity.status).toBe(400);
    expect(noIdentity.headers.get('content-type')).toContain('application/problem+json');
    expect(noIdentity.json.errors).toContainEqual({
      path: 'customer.taxId',
      message: 'give a tax id or a web domain',
    });
    const absurd = await api('POST', '/deal-registrations', {
      token: north(),
      body: registration(
        { name: 'X', country: 'US', taxId: '1' },
        { products: [{ sku: 'WIDGET-1', quantity: 0 }] },
      ),
    });
    expect(absurd.json.errors[0].path).toBe('products.0.quantity');
    const farOff = await api('POST', '/deal-registrations', {
      token: north(),
      body: registration({ name: 'X', country: 'US', taxId: '1' }, { closeDate: '2099-01-01' }),
    });
    expect(farOff.status).toBe(422);
    expect(farOff.json.errors[0].path).toBe('closeDate');
  });

  it('a won registration gets one debit authorization (linked both ways) and a design-win report of its POS lines', async () => {
    const globex = await submitted(
      north(),
      registration(
        { name: 'Globex Corporation', country: 'US', webDomain: 'globex.example' },
        { products: [{ sku: 'SW-0001', quantity: 25 }] },
      ),
    );
    const path = `/deal-registrations/${globex.registrationId}`;
    await api('POST', `${path}/decision`, { token: manager(), body: { decision: 'approve' } });
    const terms = {
      endCustomerId: 'C-GLOBEX',
      bookCostBasis: 'acquisitionCost',
      lines: [{ productSku: 'SW-0001', pricing: { method: 'downBy', amountPerUnit: '20.00' } }],
    };
    const early = await api('POST', `${path}/debit-authorization`, { token: manager(), body: terms });
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    await api('POST', `${path}/outcome`, { token: north(), body: { outcome: 'won' } });

    expect((await api('POST', `${path}/debit-authorization`, { token: north(), body: terms })).status).toBe(
      403,
    );
    const unpriced = await api('POST', `${path}/debit-authorization`, {
      token: manager(),
      body: { ...terms, lines: [{ ...terms.lines[0], productSku: 'RT-0002' }] },
    });
    expect(unpriced.status).toBe(422);
    expect(unpriced.json.errors[0].path).toBe('lines.0.productSku');
    const created = await api('POST', `${path}/debit-authorization`, { token: manager(), body: terms });
    const again = await api('POST', `${path}/debit-authorization`, { token: manager(), body: terms });
    expect([created.status, again.status]).toEqual([201, 200]);
    const number = `DA-${globex.registrationId}`;
    expect(again.json.authorizationNumber).toBe(number);
    expect(created.json).toMatchObject({
      authorizationNumber: number,
      dealRegistrationId: globex.registrationId,
      partnerId: 'DIST-NORTH',
      status: 'requested',
      currency: 'USD',
      coverage: { kind: 'endCustomer', endCustomerId: 'C-GLOBEX' },
      validFrom: today(),
      validTo: addDays(today(), 89),
      lines: [{ productSku: 'SW-0001', quantityCap: 25, remainingQuantity: 25 }],
    });
    const linked = await api('GET', path, { token: north() });
    expect(linked.json).toMatchObject({ status: 'won', debitAuthorizationNumber: number });
    const asPartner = await api('GET', `/debit-authorizations/${number}`, { token: north() });
    expect(asPartner.json.dealRegistrationId).toBe(globex.registrationId);

    // POS: two lines to Globex however spelled (one a return), one to another customer, one before approval.
    const pos = [
      'invoice_number,invoice_line,invoice_date,sku,quantity,uom,extended_amount,currency,end_customer_id,end_customer_name',
      `INV-DW-1,1,${today()},SW-0001,10,EA,1234.50,USD,C-GLOBEX,"Globex Corp."`,
      `INV-DW-2,1,${today()},SW-0001,-2,EA,-246.90,USD,C-GLOBEX,GLOBEX`,
      `INV-DW-3,1,${today()},SW-0001,7,EA,864.15,USD,C-INITECH,Initech`,
      `INV-DW-4,1,${addDays(today(), -1)},SW-0001,5,EA,617.25,USD,C-GLOBEX,Globex`,
    ].join('\n');
    const file = await uploadPos(api, north(), 'dw-pos.csv', pos);
    expect(file.counts.accepted).toBe(4);
    const report = await api('GET', `${path}/design-wins`, { token: north() });
    expect(report.status).toBe(200);
    expect(report.json.lines.map((line: { invoiceNumber: string }) => line.invoiceNumber)).toEqual([
      'INV-DW-1',
      'INV-DW-2',
    ]);
    expect(report.json.totals).toEqual([
      { sku: 'SW-0001', quantity: '8', revenue: [{ amount: '987.60', currency: 'USD' }] },
    ]);
    const draft = await api('POST', '/deal-registrations', {
      token: north(),
      body: registration({ name: 'Never Protected', country: 'US', taxId: 'NP-1' }),
    });
    const none = await api('GET', `/deal-registrations/${draft.json.registrationId}/design-wins`, {
      token: north(),
    });
    expect(none.status).toBe(409);
  });

  it("every partner route answers 404 for another partner's registration", async () => {
    const theirs = await submitted(
      north(),
      registration({ name: 'Vandelay Industries', country: 'US', taxId: 'V-1' }),
    );
    const path = `/deal-registrations/${theirs.registrationId}`;
    const calls: [string, string, unknown][] = [
      ['GET', path, undefined],
      ['POST', `${path}/submit`, undefined],
      ['POST', `${path}/extension`, { activity: 'x' }],
      ['POST', `${path}/outcome`, { outcome: 'lost' }],
      ['GET', `${path}/design-wins`, undefined],
    ];
    for (const [method, route, body] of calls) {
      expect((await api(method, route, { token: acme(), body })).status, `${method} ${route}`).toBe(404);
    }
    const list = await api('GET', '/deal-registrations?partnerId=DIST-NORTH', { token: acme() });
    expect(list.json.items).toEqual([]);
  });

  it('the daily job reminds before the end of protection and expires registrations past it', async () => {
    const policy = {
      conflictPolicy: 'firstComeFirstServed',
      protectionDays: 1,
      extensionDays: 1,
      reducedBenefitPercent: '0',
    };
    expect(
      (await api('PUT', '/deal-registration-policies/SHORT-1', { token: admin(), body: policy })).status,
    ).toBe(200);
    const short = await submitted(
      north(),
      registration({ name: 'Short Window', country: 'US', taxId: 'S-1' }, { programId: 'SHORT-1' }),
    );
    await api('POST', `/deal-registrations/${short.registrationId}/decision`, {
      token: manager(),
      body: { decision: 'approve' },
    });
    // One protected past its end, written as a registration approved last quarter would be stored.
    const config = loadConfig();
    const store = new DynamoDealRegistrationStore(createDocumentClient(config), config.TABLE_NAME);
    const ended: DealRegistration = {
      ...short,
      registrationId: 'DR-E2EENDED',
      customer: { name: 'Ended Window', country: 'US', taxId: 'S-2' },
      status: 'approved',
      protectedUntil: addDays(today(), -1),
      history: [],
      version: 1,
    };
    await store.create(ended, 'e2e-ended');

    const result = await runDailyJob();
    expect(result.reminded).toContain(short.registrationId);
    expect(result.expired).toContain('DR-E2EENDED');
    const events = local.stack.eventBus.published.filter(
      (event) => event.source === 'chrm.deal-registrations',
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        detailType: 'DealRegistrationExpiring',
        detail: expect.objectContaining({
          registrationId: short.registrationId,
          daysLeft: 0,
          partnerId: 'DIST-NORTH',
        }),
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        detailType: 'DealRegistrationExpired',
        detail: expect.objectContaining({ registrationId: 'DR-E2EENDED' }),
      }),
    );
    const expired = await api('GET', '/deal-registrations/DR-E2EENDED', { token: north() });
    expect(expired.json.status).toBe('expired');
    // Delivered where the portal reads it: the partner's list and the channel managers'.
    const reminders = await api('GET', '/deal-registration-reminders', { token: north() });
    expect(reminders.json.items).toContainEqual(
      expect.objectContaining({
        registrationId: short.registrationId,
        customerName: 'Short Window',
        daysLeft: 0,
      }),
    );
    const managers = await api('GET', '/deal-registration-reminders', { token: manager() });
    expect(managers.json.items.map((item: { registrationId: string }) => item.registrationId)).toContain(
      short.registrationId,
    );
    const foreign = await api('GET', '/deal-registration-reminders?partnerId=DIST-NORTH', { token: acme() });
    expect(foreign.json.items).toEqual([]);
  });
});
