import { beforeAll, describe, expect, it } from 'vitest';
import { localStackPerFile } from './local-api';

const local = localStackPerFile('programs');
const { api } = local;
let northFile: string;
let northSku: string;

const token = (sub: string) => () => local.stack.tokens[sub];
const north = token('demo-partner-dist-north');
const acme = token('demo-partner-res-acme');
const admin = token('demo-admin');
const manager = token('demo-channel-manager');
const finance = token('demo-finance');

beforeAll(async () => {
  northFile = (await api('GET', '/channel-files', { token: north() })).json.items[0].fileId;
  northSku = (await api('GET', '/sales-lines?month=2026-03', { token: north() })).json.items[0].sku;
  // Listings the demo leaves empty get one record each, so that a first page has a next cursor.
  const xref = await api('PUT', '/partners/DIST-NORTH/partner-skus/NW-1', {
    token: manager(),
    body: { sku: 'SW-0001' },
  });
  expect(xref.status).toBeLessThan(300);
  const adjustment = await api('POST', '/adjustments', {
    token: finance(),
    body: {
      programId: 'COOP-2026',
      beneficiaryPartnerId: 'DIST-NORTH',
      fund: 'coop',
      period: '2026-03',
      currency: 'USD',
      amount: '10',
      reason: 'Paging test',
    },
  });
  expect(adjustment.status).toBe(201);
});

/**
 * Every listing route: who pages it (`owner`), someone else allowed on the same route (`intruder`: another
 * partner, or another staff user on staff-only routes), and another query the owner may ask.
 */
interface ListingCase {
  readonly route: string;
  readonly path: () => string;
  readonly otherQuery: () => string;
  readonly owner: () => string | undefined;
  readonly intruder: () => string | undefined;
}

const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

const listings: readonly ListingCase[] = [
  {
    route: 'GET /partners',
    path: () => '/partners?partnerType=distributor',
    otherQuery: () => '/partners?partnerType=reseller',
    owner: admin,
    intruder: manager,
  },
  {
    route: 'GET /products',
    path: () => '/products',
    otherQuery: () => '/products?category=CABLES',
    owner: north,
    intruder: acme,
  },
  {
    route: 'GET /price-lists',
    path: () => '/price-lists',
    otherQuery: () => '/price-lists/US-2026/entries',
    owner: admin,
    intruder: manager,
  },
  {
    route: 'GET /price-lists/{id}/entries',
    path: () => '/price-lists/US-2026/entries',
    otherQuery: () => '/price-lists/US-2026/entries?sku=SW-0001',
    owner: admin,
    intruder: manager,
  },
  {
    route: 'GET /channel-files',
    path: () => '/channel-files?partnerId=DIST-NORTH',
    otherQuery: () => '/channel-files?partnerId=DIST-SOUTH',
    owner: admin,
    intruder: manager,
  },
  {
    route: 'GET /channel-files (partner)',
    path: () => '/channel-files',
    otherQuery: () => '/channel-files?partnerId=DIST-NORTH',
    owner: north,
    intruder: acme,
  },
  {
    route: 'GET /channel-files/{id}/lines',
    path: () => `/channel-files/${northFile}/lines`,
    otherQuery: () => `/channel-files/${northFile}/rejections`,
    owner: north,
    intruder: acme,
  },
  {
    route: 'GET /channel-files/{id}/rejections',
    path: () => `/channel-files/${northFile}/rejections`,
    otherQuery: () => `/channel-files/${northFile}/lines`,
    owner: north,
    intruder: acme,
  },
  {
    route: 'GET /sales-lines',
    path: () => '/sales-lines?month=2026-03',
    otherQuery: () => '/sales-lines?month=2026-02',
    owner: north,
    intruder: acme,
  },
  {
    route: 'GET /sales-lines/products/{sku}',
    path: () => `/sales-lines/products/${northSku}?from=2026-03-01&to=2026-03-31`,
    otherQuery: () => `/sales-lines/products/${northSku}?from=2026-03-01&to=2026-03-30`,
    owner: north,
    intruder: acme,
  },
  {
    route: 'GET /partners/{id}/partner-skus',
    path: () => '/partners/DIST-NORTH/partner-skus',
    otherQuery: () => '/partners/DIST-SOUTH/partner-skus',
    owner: admin,
    intruder: manager,
  },
  {
    route: 'GET /programs',
    path: () => '/programs',
    otherQuery: () => '/programs?status=active',
    owner: admin,
    intruder: manager,
  },
  {
    route: 'GET /accrual-runs',
    path: () => '/accrual-runs',
    otherQuery: () => '/programs',
    owner: admin,
    intruder: finance,
  },
  {
    route: 'GET /adjustments',
    path: () => '/adjustments',
    otherQuery: () => '/adjustments?status=requested',
    owner: admin,
    intruder: finance,
  },
];

async function firstCursor(listing: ListingCase): Promise<string> {
  const first = await api('GET', withQuery(listing.path(), 'limit=1'), { token: listing.owner() });
  expect(first.status).toBe(200);
  expect(first.json.nextCursor).toEqual(expect.any(String));
  return first.json.nextCursor;
}

function expectCursorRefused(response: Awaited<ReturnType<typeof api>>) {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.json.errors).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
}

const cursorQuery = (cursor: string) => `limit=1&cursor=${encodeURIComponent(cursor)}`;

describe.each(listings)('paging cursors of $route', (listing) => {
  it('continue the same query for the same caller', async () => {
    const cursor = await firstCursor(listing);
    const next = await api('GET', withQuery(listing.path(), cursorQuery(cursor)), { token: listing.owner() });
    expect(next.status).toBe(200);
  });

  it("are refused (400) to another caller reusing the owner's cursor", async () => {
    const cursor = await firstCursor(listing);
    const reused = await api('GET', withQuery(listing.path(), cursorQuery(cursor)), {
      token: listing.intruder(),
    });
    expectCursorRefused(reused);
  });

  it('are refused (400) on another query by the same caller', async () => {
    const cursor = await firstCursor(listing);
    const elsewhere = await api('GET', withQuery(listing.otherQuery(), cursorQuery(cursor)), {
      token: listing.owner(),
    });
    expectCursorRefused(elsewhere);
  });

  it('are refused (400) when forged or truncated', async () => {
    const cursor = await firstCursor(listing);
    const forgedPosition = Buffer.from('{"shard":15,"key":{}}').toString('base64url');
    const [, mac = ''] = cursor.split('.');
    for (const bad of [
      forgedPosition,
      `${forgedPosition}.${mac}`,
      cursor.slice(0, -4),
      cursor.slice(0, cursor.indexOf('.')),
      'not-a-cursor',
    ]) {
      const response = await api('GET', withQuery(listing.path(), cursorQuery(bad)), {
        token: listing.owner(),
      });
      expectCursorRefused(response);
    }
  });
});

describe('malformed percent-encoding in a path parameter', () => {
  it.each([
    '/partners/%E0%A4%A',
    '/products/%zz',
    '/price-lists/%C3/entries',
    '/channel-files/%ED%A0%80/lines',
    '/sales-lines/products/%FF',
    '/partners/DIST-NORTH/partner-skus/%E0%A4%A',
  ])('%s is a 400 problem naming the parameter', async (path) => {
    const response = await api('GET', path, { token: admin() });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.json.errors[0].path).toMatch(/^path\./);
  });
});
