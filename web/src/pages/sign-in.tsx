import { useEffect, useState } from 'preact/hooks';
import type { Problem, Role } from '../api-types';
import { ProblemView } from '../components';
import { type Session, sessionOf } from '../session';

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

/**
 * Local sign-in: pick a demo user and the local runtime's token issuer signs a token for it (the same claims
 * Cognito's tokens carry on AWS). Where no local issuer answers, says so.
 */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
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
