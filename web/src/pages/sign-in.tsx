import { useEffect, useState } from 'preact/hooks';
import type { Problem, Role } from '../api-types';
import { ProblemView } from '../components';
import {
  authorizeUrl,
  callbackOf,
  codeChallenge,
  type HostedUi,
  logoutUrl,
  randomToken,
  tokenRequest,
} from '../hosted-ui';
import { type Session, sessionOf, storeSignOutUrl } from '../session';
import { type SignInConfig, signInConfigPath } from '../sign-in-config';

/** A demo user the local token issuer signs for (infra/local/local-sign-in.ts). */
interface DemoUser {
  readonly sub: string;
  readonly role: Role;
  readonly partnerId?: string;
}

const roleNames: Record<Role, string> = {
  partner: 'Partner',
  channel_manager: 'Channel manager',
  approver: 'Approver',
  finance: 'Finance',
  admin: 'Admin',
};

const asProblem = async (response: Response): Promise<Problem> => {
  try {
    return (await response.json()) as Problem;
  } catch {
    return { type: 'about:blank', title: response.statusText, status: response.status, detail: '' };
  }
};

const signInProblem = (detail: string): Problem => ({
  type: 'about:blank',
  title: 'Sign-in failed',
  status: 0,
  detail,
});

/** How to sign in here (`/config.json`): the hosted UI on AWS; without a config, the local demo users. */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [config, setConfig] = useState<SignInConfig | undefined>();
  useEffect(() => {
    const local: SignInConfig = { signIn: 'local' };
    fetch(signInConfigPath)
      .then(async (response) => (response.ok ? ((await response.json()) as SignInConfig) : local))
      .catch(() => local)
      .then(setConfig);
  }, []);
  if (!config)
    return (
      <main class="sign-in" id="main">
        <h1>Sign in to ChRM</h1>
        <p role="status">Loading…</p>
      </main>
    );
  return config.signIn === 'cognito' ? (
    <HostedSignIn ui={config} onSignedIn={onSignedIn} />
  ) : (
    <LocalSignIn onSignedIn={onSignedIn} />
  );
}

/** The verifier and state of the sign-in this tab started, until the hosted UI comes back with a code. */
const pendingKey = 'chrm.pendingSignIn';

/**
 * Sign-in on AWS: off to the user pool's hosted UI with a PKCE challenge; back here with a code, traded for
 * tokens. The API gets the ID token: it carries the role and partner claims the pre-token trigger adds.
 */
function HostedSignIn({ ui, onSignedIn }: { ui: HostedUi; onSignedIn: (session: Session) => void }) {
  const [problem, setProblem] = useState<Problem | undefined>();
  const redirectUri = `${window.location.origin}/`;
  useEffect(() => {
    const callback = callbackOf(window.location.search);
    if (!callback) return;
    // The code is single-use: keep it out of the history and of a reload.
    window.history.replaceState(null, '', `/${window.location.hash}`);
    const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null') as {
      verifier: string;
      state: string;
    } | null;
    sessionStorage.removeItem(pendingKey);
    if ('error' in callback) return setProblem(signInProblem(callback.error));
    if (pending?.state !== callback.state)
      return setProblem(signInProblem('This sign-in was not started in this tab: sign in again.'));
    const { url, init } = tokenRequest(ui, callback.code, pending.verifier, redirectUri);
    fetch(url, init)
      .then(async (response) => {
        const body = (await response.json()) as { id_token?: string; error?: string };
        if (!response.ok || !body.id_token) throw signInProblem(body.error ?? response.statusText);
        const session = sessionOf(body.id_token);
        if (!session) throw signInProblem('Your account has no ChRM role yet: ask an administrator.');
        storeSignOutUrl(logoutUrl(ui, redirectUri));
        onSignedIn(session);
      })
      .catch((error: unknown) =>
        setProblem((error as Problem).title ? (error as Problem) : signInProblem(String(error))),
      );
  }, [ui, redirectUri, onSignedIn]);
  const start = async () => {
    const pending = { verifier: randomToken(), state: randomToken() };
    sessionStorage.setItem(pendingKey, JSON.stringify(pending));
    window.location.assign(
      authorizeUrl(ui, redirectUri, await codeChallenge(pending.verifier), pending.state),
    );
  };
  return (
    <main class="sign-in" id="main">
      <h1>Sign in to ChRM</h1>
      {problem && <ProblemView problem={problem} />}
      <button type="button" onClick={start}>
        Sign in with your ChRM account
      </button>
    </main>
  );
}

/**
 * Local sign-in: pick a demo user and the local runtime's token issuer signs a token for it (the same claims
 * Cognito's tokens carry on AWS). Where no local issuer answers, says so.
 */
function LocalSignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [users, setUsers] = useState<readonly DemoUser[] | undefined>();
  const [problem, setProblem] = useState<Problem | undefined>();
  useEffect(() => {
    fetch('/local-sign-in/users')
      .then(async (response) => {
        if (!response.ok) throw await asProblem(response);
        setUsers(((await response.json()) as { items: DemoUser[] }).items);
      })
      .catch((error: unknown) =>
        setProblem(
          (error as Problem).status
            ? (error as Problem)
            : {
                type: 'about:blank',
                title: 'Local sign-in unavailable',
                status: 0,
                detail: 'No local token issuer answers here: sign in through your organisation.',
              },
        ),
      );
  }, []);
  const signIn = async (user: DemoUser) => {
    setProblem(undefined);
    const response = await fetch('/local-sign-in/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: user.sub }),
    });
    if (!response.ok) return setProblem(await asProblem(response));
    const session = sessionOf(((await response.json()) as { token: string }).token);
    if (session) onSignedIn(session);
  };
  return (
    <main class="sign-in" id="main">
      <h1>Sign in to ChRM</h1>
      <p>Local runtime: choose a demo user. The API sees the same claims a Cognito token carries.</p>
      {problem && <ProblemView problem={problem} />}
      {users === undefined && !problem && <p role="status">Loading demo users…</p>}
      {users && (
        <ul class="user-list">
          {users.map((user) => (
            <li key={user.sub}>
              <button type="button" onClick={() => signIn(user)}>
                <span class="user-name">{user.partnerId ?? roleNames[user.role]}</span>
                <span class="muted">
                  {roleNames[user.role]} · {user.sub}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
