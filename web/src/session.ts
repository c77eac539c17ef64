import type { Role } from './api-types';

/** Who is signed in: the claims the API reads from the bearer token (`sub`, `role`, `partnerId`). */
export interface Session {
  readonly token: string;
  readonly userId: string;
  readonly role: Role;
  readonly partnerId?: string;
}

const storageKey = 'chrm.session';
const signOutKey = 'chrm.signOutUrl';

/** The token's claims, read (not verified: the API verifies every call) to choose pages and nav. */
export function sessionOf(token: string): Session | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const claims = JSON.parse(json) as { sub?: string; role?: Role; partnerId?: string; exp?: number };
    if (!claims.sub || !claims.role) return undefined;
    if (claims.exp !== undefined && claims.exp * 1000 < Date.now()) return undefined;
    return {
      token,
      userId: claims.sub,
      role: claims.role,
      ...(claims.partnerId ? { partnerId: claims.partnerId } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Kept per tab (sessionStorage): closing the tab signs out, and two tabs may hold two demo users. */
export function storedSession(): Session | undefined {
  const token = sessionStorage.getItem(storageKey);
  return token ? sessionOf(token) : undefined;
}

export function storeSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(storageKey, session.token);
  else {
    sessionStorage.removeItem(storageKey);
    sessionStorage.removeItem(signOutKey);
  }
}

/** Where signing out goes next: the hosted UI's /logout on AWS (ends its session too); nowhere locally. */
export const signOutUrl = () => sessionStorage.getItem(signOutKey) ?? undefined;

export const storeSignOutUrl = (url: string) => sessionStorage.setItem(signOutKey, url);
