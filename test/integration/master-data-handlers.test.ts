import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiHandler, callHandler } from '../support/api-handler-call';
import { partnerData, productData } from '../support/master-data-fixtures';
import { createTestTable } from '../support/test-table';

const handlers: Record<string, ApiHandler> = {};

beforeAll(async () => {
  await createTestTable();
  // Handlers read their settings at load, so they are imported once the table exists.
  const modules = {
    createPartner: import('../../functions/api/partners/create-partner'),
    updatePartner: import('../../functions/api/partners/update-partner'),
    getPartner: import('../../functions/api/partners/get-partner'),
    createProduct: import('../../functions/api/products/create-product'),
    listProducts: import('../../functions/api/products/list-products'),
  };
  for (const [name, module] of Object.entries(modules)) handlers[name] = (await module).handler as ApiHandler;
});

const claims = { sub: 'u-admin', role: 'admin' };

function call(
  name: string,
  request: {
    body?: unknown;
    path?: Record<string, string>;
    headers?: Record<string, string>;
    query?: Record<string, string>;
  },
) {
  const handler = handlers[name];
  if (!handler) throw new Error(`no handler ${name}`);
  return callHandler(handler, { as: claims, ...request });
}

describe('master data handlers on DynamoDB Local', () => {
  it('creates, reads and updates a partner with ETags', async () => {
    const created = await call('createPartner', { body: partnerData('H-DIST') });
    expect(created.statusCode).toBe(201);
    expect(created.headers?.etag).toBe('"1"');

    const { partnerId: _id, ...details } = partnerData('H-DIST', { name: 'Renamed' });
    const updated = await call('updatePartner', {
      path: { partnerId: 'H-DIST' },
      body: details,
      headers: { 'if-match': '"1"' },
    });
    expect(updated.statusCode).toBe(200);
    expect(JSON.parse(String(updated.body))).toMatchObject({ name: 'Renamed', version: 2 });

    const stale = await call('updatePartner', {
      path: { partnerId: 'H-DIST' },
      body: details,
      headers: { 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers?.['content-type']).toBe('application/problem+json');

    const read = await call('getPartner', { path: { partnerId: 'H-DIST' } });
    expect(read.headers?.etag).toBe('"2"');
  });

  it('answers 409 for a duplicate and 422 for a missing parent', async () => {
    await call('createPartner', { body: partnerData('H-DUP') });
    expect((await call('createPartner', { body: partnerData('H-DUP') })).statusCode).toBe(409);
    const orphan = await call('createPartner', {
      body: partnerData('H-ORPHAN', { parentPartnerId: 'H-NONE' }),
    });
    expect(orphan.statusCode).toBe(422);
    expect(JSON.parse(String(orphan.body)).errors[0].path).toBe('parentPartnerId');
  });

  it('lists products of one category', async () => {
    await call('createProduct', { body: productData('H-SW-1', { category: 'H-SWITCHES' }) });
    await call('createProduct', { body: productData('H-CB-1', { category: 'H-CABLES' }) });
    const listed = await call('listProducts', { query: { category: 'H-CABLES' } });
    expect(JSON.parse(String(listed.body)).items.map((p: { sku: string }) => p.sku)).toEqual(['H-CB-1']);
  });

  it('validates the category filter', async () => {
    const listed = await call('listProducts', { query: { category: 'lower case', limit: '500' } });
    expect(listed.statusCode).toBe(400);
    expect(
      JSON.parse(String(listed.body))
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['query.category', 'query.limit']);
  });
});
