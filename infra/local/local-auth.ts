import { randomBytes, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../domain/access/actor';

export const localIssuer = 'chrm-local';
export const localAudience = 'chrm-api';
/** The longest a token may live (exp − iat), as Cognito's longest ID/access token validity is a day; we keep 12 h. */
export const maxTokenLifetimeSeconds = 12 * 60 * 60;
/** How far the issuer's clock may run ahead of ours before an `iat` counts as "issued in the future". */
export const clockSkewSeconds = 60;

/**
 * A random 32-byte secret of the local runtime, stored with the local data (mode 600) so that what it signed
 * (printed tokens, paging cursors) keeps working across restarts; in-memory runs get a fresh one.
 */
function localSecret(dataDirectory: string | undefined, name: string): Buffer {
  if (!dataDirectory) return randomBytes(32);
  const file = path.join(dataDirectory, name);
  if (!existsSync(file)) {
    mkdirSync(dataDirectory, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8'), 'base64');
}

/** HS256 signing key for local tokens. */
export function localSigningKey(dataDirectory?: string): Uint8Array {
  return localSecret(dataDirectory, 'jwt-signing-key');
}

/** The key that signs paging cursors (CURSOR_SIGNING_KEY), as the API stack's secret does on AWS. */
export function localCursorSigningKey(dataDirectory?: string): string {
  return localSecret(dataDirectory, 'cursor-signing-key').toString('base64url');
}

/**
 * The signing key imported once as a CryptoKey: given raw bytes, jose imports the key again on every verify,
 * which the local gateway would pay per request.
 */
const verifyingKeys = new WeakMap<Uint8Array, Promise<webcrypto.CryptoKey>>();
function verifyingKey(key: Uint8Array): Promise<webcrypto.CryptoKey> {
  let imported = verifyingKeys.get(key);
  if (!imported) {
    imported = webcrypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    verifyingKeys.set(key, imported);
  }
  return imported;
}

/**
 * Tokens already verified, per signing key, with their claims: a client sends the same token with every
 * request, and verifying its HMAC again (an asynchronous WebCrypto call) was a tenth of the gateway's CPU per
 * request under load. Everything jose checked stays true for a token except its expiry, which is checked on
 * every use as jose does (`exp` with the clock skew); `iat`, `nbf` and the lifetime cap cannot turn false later.
 */
const verifiedTokens = new WeakMap<
  Uint8Array,
  Map<string, { claims: Record<string, string>; exp: number }>
>();
/** Bounds the memory a flood of distinct tokens can take: past it the cache starts afresh. */
const maxVerifiedTokens = 1_000;

function verifiedTokensOf(key: Uint8Array) {
  let tokens = verifiedTokens.get(key);
  if (!tokens) {
    tokens = new Map();
    verifiedTokens.set(key, tokens);
  }
  return tokens;
}

/** jose's rule: a token has expired once `exp` is at or before now less the clock tolerance. */
const isExpired = (exp: number) => exp <= Math.floor(Date.now() / 1000) - clockSkewSeconds;

export interface LocalUser {
  readonly sub: string;
  readonly role: Role;
  readonly partnerId?: string;
}

/** Signs a token carrying the same claims Cognito tokens carry on AWS (after the pre-token trigger). */
export async function signLocalToken(key: Uint8Array, user: LocalUser, ttl = '12h'): Promise<string> {
  return new SignJWT({ role: user.role, ...(user.partnerId ? { partnerId: user.partnerId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.sub)
    .setIssuer(localIssuer)
    .setAudience(localAudience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key);
}

/**
 * Verifies a bearer token as API Gateway's JWT authorizer does; undefined when it is missing or invalid.
 * A token must carry `exp` and `iat`, must not be issued in the future (beyond a small skew) and must not
 * live longer than `maxTokenLifetimeSeconds`: a signed token without `exp` would otherwise be valid forever.
 * On AWS, Cognito's authorizer checks `exp` itself and Cognito never issues a token without it.
 */
export async function verifyLocalToken(
  key: Uint8Array,
  authorization: string | undefined,
): Promise<Record<string, string> | undefined> {
  const token = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return undefined;
  const verified = verifiedTokensOf(key);
  const known = verified.get(token);
  if (known && !isExpired(known.exp)) return { ...known.claims };
  if (known) verified.delete(token);
  const claims = await verifiedClaims(key, token);
  if (claims) {
    if (verified.size >= maxVerifiedTokens) verified.clear();
    verified.set(token, { claims, exp: Number(claims.exp) });
  }
  return claims && { ...claims };
}

async function verifiedClaims(key: Uint8Array, token: string): Promise<Record<string, string> | undefined> {
  try {
    const { payload } = await jwtVerify(token, await verifyingKey(key), {
      issuer: localIssuer,
      audience: localAudience,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: maxTokenLifetimeSeconds,
      clockTolerance: clockSkewSeconds,
    });
    // jose checks that exp is in the future and iat not too old; the lifetime the issuer granted is ours to cap.
    if ((payload.exp as number) - (payload.iat as number) > maxTokenLifetimeSeconds) return undefined;
    // API Gateway passes claims to the Lambda as strings.
    return Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, String(value)]));
  } catch {
    return undefined;
  }
}
