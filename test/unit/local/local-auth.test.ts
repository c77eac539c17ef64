import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  localAudience,
  localIssuer,
  localSigningKey,
  signLocalToken,
  verifyLocalToken,
} from '../../../infra/local/local-auth';

const key = localSigningKey();
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with the right key, issuer and audience, with whatever time claims a test gives it. */
function signed(times: { iat?: number; exp?: number }) {
  let token = new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('u-admin')
    .setIssuer(localIssuer)
    .setAudience(localAudience);
  if (times.iat !== undefined) token = token.setIssuedAt(times.iat);
  if (times.exp !== undefined) token = token.setExpirationTime(times.exp);
  return token.sign(key);
}

const verify = async (token: string) => verifyLocalToken(key, `Bearer ${token}`);

describe('local token verification', () => {
  it('accepts the tokens the runtime prints (12 h)', async () => {
    const claims = await verify(await signLocalToken(key, { sub: 'u-admin', role: 'admin' }));
    expect(claims).toMatchObject({ sub: 'u-admin', role: 'admin' });
  });

  it('refuses a signed token without exp', async () => {
    expect(await verify(await signed({ iat: now() }))).toBeUndefined();
  });

  it('refuses a signed token without iat', async () => {
    expect(await verify(await signed({ exp: now() + 600 }))).toBeUndefined();
  });

  it('refuses a token that lives longer than 12 h (iat now, exp in ten years)', async () => {
    expect(await verify(await signed({ iat: now(), exp: now() + 10 * 365 * 86_400 }))).toBeUndefined();
  });

  it('refuses a token issued an hour in the future', async () => {
    expect(await verify(await signed({ iat: now() + 3600, exp: now() + 7200 }))).toBeUndefined();
  });

  it('tolerates a few seconds of clock skew at issue', async () => {
    expect(await verify(await signed({ iat: now() + 5, exp: now() + 600 }))).toBeDefined();
  });

  it('refuses an expired token', async () => {
    expect(await verify(await signed({ iat: now() - 7200, exp: now() - 3600 }))).toBeUndefined();
  });

  describe('of a token it verified before', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it('refuses it once it expires (past the clock skew), as the first verification would', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      const token = await signed({ iat: now(), exp: now() + 600 });
      expect(await verify(token)).toMatchObject({ sub: 'u-admin', role: 'admin' });
      vi.setSystemTime(Date.now() + 600_000 + 30_000);
      expect(await verify(token)).toMatchObject({ sub: 'u-admin' });
      vi.setSystemTime(Date.now() + 31_000);
      expect(await verify(token)).toBeUndefined();
    });

    it('refuses it under another signing key, and hands each request claims of its own', async () => {
      const token = await signed({ iat: now(), exp: now() + 600 });
      const first = await verify(token);
      expect(first).toBeDefined();
      delete first?.role;
      expect(await verify(token)).toMatchObject({ role: 'admin' });
      expect(await verifyLocalToken(localSigningKey(), `Bearer ${token}`)).toBeUndefined();
    });
  });
});
