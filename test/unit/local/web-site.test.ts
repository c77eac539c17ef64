import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../../infra/local/demo/demo-channel';
import { localSigningKey, signLocalToken, verifyLocalToken } from '../../../infra/local/local-auth';
import { localWebSite } from '../../../infra/local/web-site';
import { buildWebApp } from '../../../web/build';
import { webContentSecurityPolicy } from '../../../web/security-headers';

const key = localSigningKey();
let server: Server;
let base = '';
const uploadOrigin = 'http://127.0.0.1:4569';

beforeAll(async () => {
  const site = localWebSite(
    await buildWebApp(),
    demoUsers,
    (user) => signLocalToken(key, user),
    uploadOrigin,
  );
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    void site(request, response, url).then((handled) => {
      if (!handled) response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 30_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('local web site', () => {
  it('serves index.html at / (revalidated) naming hashed assets (immutable), gzip when asked, with the CSP', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('content-security-policy')).toBe(webContentSecurityPolicy(uploadOrigin));
    const html = await index.text();
    const script = /src="(\/assets\/main-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const plain = Buffer.from(await asset.arrayBuffer());
    // Node's fetch decodes gzip itself; ask with a raw request to see the bytes on the wire.
    const gzipped = await new Promise<Buffer>((resolve) => {
      get(`${base}${script}`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks)));
      });
    });
    expect(gzipped.length).toBeLessThan(plain.length);
    expect(gunzipSync(gzipped).equals(plain)).toBe(true);
  });

  it('answers config.json with local sign-in, so the same bundle as on AWS shows the demo users', async () => {
    const config = await fetch(`${base}/config.json`);
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect(await config.json()).toEqual({ signIn: 'local' });
  });

  it('lists the demo users and signs a token for the one picked, which the local authorizer accepts', async () => {
    const users = (await (await fetch(`${base}/local-sign-in/users`)).json()) as { items: { sub: string }[] };
    expect(users.items.map((user) => user.sub)).toContain('demo-partner-dist-north');
    const answer = await fetch(`${base}/local-sign-in/token`, {
      method: 'POST',
      body: JSON.stringify({ sub: 'demo-partner-dist-north' }),
    });
    const { token } = (await answer.json()) as { token: string };
    expect(await verifyLocalToken(key, `Bearer ${token}`)).toMatchObject({
      sub: 'demo-partner-dist-north',
      role: 'partner',
      partnerId: 'DIST-NORTH',
    });
  });

  it('answers an unknown demo user 404 as a problem, and leaves other paths to the API routes', async () => {
    const answer = await fetch(`${base}/local-sign-in/token`, {
      method: 'POST',
      body: JSON.stringify({ sub: 'mallory' }),
    });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect((await fetch(`${base}/claims`)).status).toBe(404);
    expect((await fetch(`${base}/assets/nothing.js`)).status).toBe(404);
  });
});
