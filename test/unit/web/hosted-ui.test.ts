import { describe, expect, it } from 'vitest';
import {
  authorizeUrl,
  callbackOf,
  codeChallenge,
  logoutUrl,
  randomToken,
  tokenRequest,
} from '../../../web/src/hosted-ui';

const ui = { hostedUiUrl: 'https://chrm-123.auth.eu-west-1.amazoncognito.com/', clientId: 'client-1' };
const portal = 'https://d111.cloudfront.net/';

describe('hosted UI sign-in (authorization code + PKCE)', () => {
  it('derives the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes verifiers of 43 base64url characters, different each time', () => {
    expect(randomToken(new Uint8Array(32).fill(255))).toBe(`${'_'.repeat(42)}8`);
    const verifier = randomToken();
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(verifier);
  });

  it('sends the browser to /oauth2/authorize with the client, the portal as redirect, the challenge and state', () => {
    const url = new URL(authorizeUrl(ui, portal, 'CHALLENGE', 'STATE'));
    expect(`${url.origin}${url.pathname}`).toBe(
      'https://chrm-123.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: portal,
      scope: 'openid email profile',
      code_challenge: 'CHALLENGE',
      code_challenge_method: 'S256',
      state: 'STATE',
    });
  });

  it('trades the code and verifier at /oauth2/token, form-encoded, without a secret', () => {
    const { url, init } = tokenRequest(ui, 'CODE', 'VERIFIER', portal);
    expect(url).toBe('https://chrm-123.auth.eu-west-1.amazoncognito.com/oauth2/token');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(String(init.body)))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-1',
      code: 'CODE',
      code_verifier: 'VERIFIER',
      redirect_uri: portal,
    });
  });

  it('signs out at /logout and comes back to the portal', () => {
    const url = new URL(logoutUrl(ui, portal));
    expect(url.pathname).toBe('/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({ client_id: 'client-1', logout_uri: portal });
  });

  it('reads the callback: a code with its state, an error, or nothing', () => {
    expect(callbackOf('?code=C1&state=S1')).toEqual({ code: 'C1', state: 'S1' });
    expect(callbackOf('?error=access_denied&error_description=User+cancelled')).toEqual({
      error: 'User cancelled',
    });
    expect(callbackOf('?code=C1')).toBeUndefined();
    expect(callbackOf('')).toBeUndefined();
  });
});
