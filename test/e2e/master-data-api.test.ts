import { beforeAll, describe, expect, it } from 'vitest';
import { localStackPerFile } from './local-api';

const local = localStackPerFile('masterData');
const { api } = local;
let tokens: Record<string, string>;

beforeAll(async () => {
  tokens = { ...local.stack.tokens };
});

const admin = () => tokens['demo-admin'];
const acme = () => tokens['demo-partner-res-acme'];

const newPartner = (partnerId: string) => ({
  partnerId,
  name: `${partnerId} Inc`,
  partnerType: 'dealer',
  parentPartnerId: 'DIST-WEST',
  region: 'US-WEST',
  country: 'US',
  currency: 'USD',
  sites: [
    {
      siteId: `${partnerId}-BT`,
      kind: 'bill_to',
      name: 'HQ',
      line1: '1 Main St',
      city: 'Reno',
      country: 'US',
    },
  ],
});

describe('demo data', () => {
  it('seeds the demo channel: 4 distributors, 6 resellers, 1 buying group, 60 products, a price list', async () => {
    const list = async (path: string) => (await api('GET', path, { token: admin() })).json.items;
    expect(await list('/partners?partnerType=distributor')).toHaveLength(4);
    expect(await list('/partners?partnerType=reseller')).toHaveLength(6);
    expect(await list('/partners?partnerType=buying_group')).toHaveLength(1);
    const products = [...(await list('/products?limit=100'))];
    expect(products).toHaveLength(60);
    expect(new Set(products.map((p: { category: string }) => p.category)).size).toBe(6);
    expect(await list('/price-lists')).toHaveLength(1);
  });

  it('shows the mid-year price drop', async () => {
    const price = async (date: string) =>
      (await api('GET', `/price-lists/US-2026/prices/SW-0001?date=${date}`, { token: admin() })).json;
    const june = await price('2026-06-30');
    const july = await price('2026-07-01');
    expect(june.entry.listPrice).toBe('420.00');
    expect(june.effectiveUntil).toBe('2026-07-01');
    expect(july.entry.listPrice).toBe('386.40');
  });
});

describe('authentication and roles', () => {
  it('lets anyone check health without a token', async () => {
    expect((await api('GET', '/health')).status).toBe(200);
  });

  it('answers 401 without a token, or with a forged one', async () => {
    expect((await api('GET', '/partners')).status).toBe(401);
    const forged = `${admin()?.slice(0, -4)}AAAA`;
    expect((await api('GET', '/partners', { token: forged })).status).toBe(401);
    expect((await api('GET', '/openapi.json')).status).toBe(401);
  });

  it('answers 403 when a role may not do something', async () => {
    const asFinance = await api('POST', '/partners', {
      token: tokens['demo-finance'],
      body: newPartner('FIN-1'),
    });
    expect(asFinance.status).toBe(403);
    expect(asFinance.headers.get('content-type')).toBe('application/problem+json');
    expect((await api('POST', '/products', { token: acme(), body: {} })).status).toBe(403);
    expect((await api('GET', '/price-lists', { token: acme() })).status).toBe(403);
  });
});

describe('partner isolation', () => {
  it("lets a partner user read its own record but not another partner's (404)", async () => {
    expect((await api('GET', '/partners/RES-ACME', { token: acme() })).status).toBe(200);
    const other = await api('GET', '/partners/DIST-NORTH', { token: acme() });
    expect(other.status).toBe(404);
    expect(other.json.detail).toBe('Partner not found');
  });

  it('lists only its own record for a partner user, whatever it asks', async () => {
    const listed = await api('GET', '/partners?partnerType=distributor', {
      token: tokens['demo-partner-dist-north'],
    });
    expect(listed.json.items.map((p: { partnerId: string }) => p.partnerId)).toEqual(['DIST-NORTH']);
    const mine = await api('GET', '/partners', { token: acme() });
    expect(mine.json.items.map((p: { partnerId: string }) => p.partnerId)).toEqual(['RES-ACME']);
  });

  it('lets a partner user read the product catalog', async () => {
    expect((await api('GET', '/products/SW-0001', { token: acme() })).status).toBe(200);
  });
});

describe('validation and concurrency', () => {
  it('answers 400 with field paths for a bad body', async () => {
    const bad = await api('POST', '/partners', {
      token: admin(),
      body: { ...newPartner('BAD-1'), currency: 'XXX', sites: [{ siteId: 'x' }] },
    });
    expect(bad.status).toBe(400);
    const paths = bad.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['currency', 'sites.0.siteId', 'sites.0.kind', 'sites.0.city']),
    );
  });

  it('answers 400 for unreadable JSON and 415 for other media types', async () => {
    const notJson = await api('POST', '/partners', {
      token: admin(),
      headers: { 'content-type': 'application/json' },
      body: undefined,
    });
    expect(notJson.status).toBe(400);
    const csv = await api('POST', '/products', { token: admin(), headers: { 'content-type': 'text/csv' } });
    expect(csv.status).toBe(415);
  });

  it('creates with 201 + ETag, refuses a duplicate with 409', async () => {
    const created = await api('POST', '/partners', { token: admin(), body: newPartner('DEALER-1') });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect((await api('POST', '/partners', { token: admin(), body: newPartner('DEALER-1') })).status).toBe(
      409,
    );
  });

  it('updates with If-Match, refuses a stale version with 412 and a missing one with 428', async () => {
    await api('POST', '/partners', { token: admin(), body: newPartner('DEALER-2') });
    const { partnerId: _id, ...details } = newPartner('DEALER-2');
    const update = (ifMatch?: string) =>
      api('PUT', '/partners/DEALER-2', {
        token: tokens['demo-channel-manager'],
        body: { ...details, status: 'on_hold' },
        ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
      });
    const first = await update('"1"');
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"2"');
    expect((await update('"1"')).status).toBe(412);
    expect((await update()).status).toBe(428);
  });

  it('refuses a parent that would close a cycle with 422', async () => {
    const { partnerId: _id, ...details } = newPartner('DIST-WEST');
    const read = await api('GET', '/partners/DIST-WEST', { token: admin() });
    const cycle = await api('PUT', '/partners/DIST-WEST', {
      token: admin(),
      body: { ...details, partnerType: 'distributor', parentPartnerId: 'RES-DELTA' },
      headers: { 'if-match': read.headers.get('etag') ?? '' },
    });
    expect(cycle.status).toBe(422);
    expect(cycle.json.errors[0].path).toBe('parentPartnerId');
  });

  it('pages with a cursor until the last page', async () => {
    const seen: string[] = [];
    let path = '/products?limit=25&category=CABLES';
    for (let pages = 0; pages < 5; pages++) {
      const page = await api('GET', path, { token: admin() });
      seen.push(...page.json.items.map((p: { sku: string }) => p.sku));
      if (!page.json.nextCursor) break;
      path = `/products?limit=4&category=CABLES&cursor=${encodeURIComponent(page.json.nextCursor)}`;
    }
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
  });
});

describe('OpenAPI', () => {
  it('serves the document generated from the route table', async () => {
    const document = await api('GET', '/openapi.json', { token: acme() });
    expect(document.status).toBe(200);
    expect(document.json.openapi).toBe('3.1.0');
    expect(Object.keys(document.json.paths)).toContain('/price-lists/{priceListId}/prices/{sku}');
  });

  // Each call below is held to the route's documented answers by apiClient (route-contract.ts); these three
  // diverged before: the gateway's 401 was plain JSON, and 415 and 412 were answered but not documented.
  it('answers a missing token with a 401 problem', async () => {
    const answer = await api('GET', '/partners');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  });

  it('documents the 415 a body not sent as JSON gets', async () => {
    const answer = await api('POST', '/products', {
      token: admin(),
      body: {},
      headers: { 'content-type': 'text/plain' },
    });
    expect(answer.status).toBe(415);
  });

  // Together with the other e2e files this reaches every route of the table, each answer held to its contract.
  it('answers the routes no other e2e test reaches as documented', async () => {
    const as = { token: admin() };
    const etag = (answer: { headers: Headers }) => ({ 'if-match': answer.headers.get('etag') ?? '' });
    const list = { name: 'Contract list', currency: 'USD' };
    expect(
      (await api('POST', '/price-lists', { ...as, body: { priceListId: 'E2E-CONTRACT', ...list } })).status,
    ).toBe(201);
    const header = await api('GET', '/price-lists/E2E-CONTRACT', as);
    const renamed = { ...as, body: { ...list, name: 'Renamed' }, headers: etag(header) };
    expect((await api('PUT', '/price-lists/E2E-CONTRACT', renamed)).status).toBe(200);
    const prices = { listPrice: '10.00', bookCost: '8.00' };
    const entry = { sku: 'SW-0001', effectiveFrom: '2026-01-01', ...prices };
    const added = await api('POST', '/price-lists/E2E-CONTRACT/entries', { ...as, body: entry });
    expect(added.status).toBe(201);
    expect((await api('GET', '/price-lists/E2E-CONTRACT/entries', as)).json.items).toHaveLength(1);
    const corrected = { ...as, body: { ...prices, listPrice: '11.00' }, headers: etag(added) };
    expect((await api('PUT', '/price-lists/E2E-CONTRACT/entries/SW-0001/2026-01-01', corrected)).status).toBe(
      200,
    );
    const product = await api('GET', '/products/CB-0003', as);
    const { name, category, baseUom, uomConversions, status } = product.json;
    const details = { name, category, baseUom, uomConversions, status };
    expect(
      (await api('PUT', '/products/CB-0003', { ...as, body: details, headers: etag(product) })).status,
    ).toBe(200);
    expect((await api('GET', '/programs', as)).status).toBe(200);
    expect((await api('GET', '/adjustments', as)).status).toBe(200);
    expect((await api('GET', '/adjustments/ADJ-000000000000', as)).status).toBe(404);
    const sales = '/sales-lines/products/SW-0001?partnerId=DIST-NORTH&from=2026-03-01&to=2026-03-31';
    expect((await api('GET', sales, as)).status).toBe(200);
    expect((await api('POST', '/channel-files/no-such-file/retry', as)).status).toBe(404);
    const fail = { ...as, body: { reason: 'contract test' } };
    expect((await api('POST', '/channel-files/no-such-file/fail', fail)).status).toBe(404);
  });
});
