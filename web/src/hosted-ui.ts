/**
 * Sign-in through a Cognito user pool's hosted UI: the OAuth 2.0 authorization code grant with PKCE (RFC 7636),
 * as a browser app without a client secret must. Pure functions; the sign-in page does the redirects and I/O.
 */

export interface HostedUi {
  /** The user pool domain, e.g. `https://chrm-123.auth.eu-west-1.amazoncognito.com`. */
  readonly hostedUiUrl: string;
  readonly clientId: string;
}

const base64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/** A random value of 32 bytes, base64url: a code verifier (43 characters, within RFC 7636's 43–128) or a state. */
export const randomToken = (bytes: Uint8Array = crypto.getRandomValues(new Uint8Array(32))) =>
  base64Url(bytes);

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

const endpoint = (ui: HostedUi, path: string) => `${ui.hostedUiUrl.replace(/\/+$/, '')}${path}`;

/** Where the sign-in page sends the browser: the hosted UI, which comes back to `redirectUri` with a code. */
export function authorizeUrl(ui: HostedUi, redirectUri: string, challenge: string, state: string): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: ui.clientId,
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  });
  return `${endpoint(ui, '/oauth2/authorize')}?${query}`;
}

/** The token request that trades the code (and the verifier only this tab holds) for tokens. */
export function tokenRequest(
  ui: HostedUi,
  code: string,
  verifier: string,
  redirectUri: string,
): { url: string; init: RequestInit } {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: ui.clientId,
    code,
    code_verifier: verifier,
    redirect_uri: redirectUri,
  });
  return {
    url: endpoint(ui, '/oauth2/token'),
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    },
  };
}

/** Signs out of the hosted UI too (else it would sign the next user straight back in), then back to the portal. */
export function logoutUrl(ui: HostedUi, redirectUri: string): string {
  const query = new URLSearchParams({ client_id: ui.clientId, logout_uri: redirectUri });
  return `${endpoint(ui, '/logout')}?${query}`;
}

/** The authorization response in the portal's URL, if this page load is one. */
export function callbackOf(search: string): { code: string; state: string } | { error: string } | undefined {
  const query = new URLSearchParams(search);
  const error = query.get('error');
  if (error) return { error: query.get('error_description') ?? error };
  const code = query.get('code');
  const state = query.get('state');
  return code && state ? { code, state } : undefined;
}
