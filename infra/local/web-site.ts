import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebAsset } from '../../web/build';
import { webSecurityHeaders } from '../../web/security-headers';
import { type SignInConfig, signInConfigPath } from '../../web/src/sign-in-config';
import type { LocalUser } from './local-auth';

/** What the local gateway answers beyond the API's routes; false when the request is none of its own. */
export type LocalFallback = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => Promise<boolean>;

const problem = (response: ServerResponse, status: number, title: string, detail: string) => {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
};

async function jsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 4096) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The web app at `/` (index.html, hashed assets, gzip when the browser takes it) and, for local sign-in, the
 * demo users and a token for the one picked (`/local-sign-in/…`), signed by the local token issuer as the
 * banner's tokens are. Only the local runtime has these: on AWS, Cognito signs users in. `uploadOrigin` is
 * the local S3 endpoint the portal PUTs files to.
 */
export function localWebSite(
  assets: readonly WebAsset[],
  users: readonly LocalUser[],
  sign: (user: LocalUser) => Promise<string>,
  uploadOrigin: string,
): LocalFallback {
  const byPath = new Map(assets.map((asset) => [`/${asset.path}`, asset]));
  return async (request, response, url) => {
    const method = request.method ?? 'GET';
    // The portal asks how to sign in: here, with the demo users below (on AWS, the web stack deploys Cognito's).
    if (url.pathname === signInConfigPath && method === 'GET') {
      const config: SignInConfig = { signIn: 'local' };
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(config));
      return true;
    }
    if (url.pathname === '/local-sign-in/users' && method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify({ items: users }));
      return true;
    }
    if (url.pathname === '/local-sign-in/token' && method === 'POST') {
      const body = (await jsonBody(request)) as { sub?: unknown } | undefined;
      const user = users.find((candidate) => candidate.sub === body?.sub);
      if (!user) {
        problem(
          response,
          404,
          'Not Found',
          'No demo user with this `sub`: GET /local-sign-in/users lists them',
        );
        return true;
      }
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify({ token: await sign(user) }));
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') return false;
    const asset = byPath.get(url.pathname === '/' ? '/index.html' : url.pathname);
    if (!asset) return false;
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    const body = gzip ? asset.gzipped : asset.body;
    response.writeHead(200, {
      'content-type': asset.contentType,
      'content-length': String(body.length),
      'cache-control': asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      ...webSecurityHeaders(uploadOrigin),
    });
    response.end(method === 'HEAD' ? undefined : body);
    return true;
  };
}
