import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiProblem, callApi } from './api';
import type { Problem } from './api-types';
import { formatMoney } from './money';
import type { Session } from './session';

/** An API problem as the page shows it: title, status, the API's detail and each field error. */
export function ProblemView({ problem }: { problem: Problem }) {
  return (
    <div class="problem" role="alert">
      <p>
        <strong>{problem.title}</strong> ({problem.status === 0 ? 'no answer' : problem.status}):{' '}
        {problem.detail}
      </p>
      {problem.status === 401 && <p>Your session has ended: sign out and sign in again.</p>}
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((issue) => (
            <li key={issue.path}>
              <code>{issue.path}</code> {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const problemOf = (error: unknown): Problem =>
  error instanceof ApiProblem
    ? error.problem
    : { type: 'about:blank', title: 'Error', status: 0, detail: String(error) };

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly problem: Problem }
  | { readonly state: 'loaded'; readonly data: T };

/** GETs `path` (again when it changes, or on `reload`), as loading → loaded or failed with the problem. */
export function useApiGet<T>(session: Session, path: string): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    callApi<T>(session.token, 'GET', path).then(
      (data) => current && setLoaded({ state: 'loaded', data }),
      (error: unknown) => current && setLoaded({ state: 'failed', problem: problemOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [session.token, path, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return [loaded, reload];
}

/** Renders a load's three states: a status line, the problem, or `children(data)`. */
export function Show<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  what: string;
  children: (data: T) => ComponentChildren;
}) {
  if (loaded.state === 'loading')
    return (
      <p class="muted" role="status">
        Loading {what}…
      </p>
    );
  if (loaded.state === 'failed') return <ProblemView problem={loaded.problem} />;
  return <>{children(loaded.data)}</>;
}

export const Money = ({ amount, currency }: { amount: string; currency: string }) => (
  <span class="money">{formatMoney(amount, currency)}</span>
);

/** A claim or payment status as a labelled badge (colour is never the only cue: the word is shown). */
export const StatusBadge = ({ status }: { status: string }) => (
  <span class={`badge badge-${status}`}>{status.replace(/([A-Z])/g, ' $1').toLowerCase()}</span>
);

export const todayIso = () => new Date().toISOString().slice(0, 10);

/** A column heading of a `DataTable`; `num` columns (amounts, counts) are right-aligned. */
export type Column = string | { readonly label: string; readonly num: true };

/** A table that scrolls sideways on a phone, captioned for screen readers, under its column headings. */
export function DataTable({
  caption,
  columns,
  testId,
  children,
}: {
  caption: string;
  columns: readonly Column[];
  testId?: string;
  children: ComponentChildren;
}) {
  return (
    <div class="table-scroll">
      <table data-testid={testId}>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) =>
              typeof column === 'string' ? (
                <th scope="col" key={column}>
                  {column}
                </th>
              ) : (
                <th scope="col" class="num" key={column.label}>
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** One figure of a `<dl class="figures">` block: its label and value (`text` for words, not amounts). */
export function Figure({
  label,
  testId,
  text,
  children,
}: {
  label: string;
  testId?: string;
  text?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId} class={text ? 'text' : undefined}>
        {children}
      </dd>
    </div>
  );
}

/** The link from a detail page back to its list. */
export const BackLink = ({ to, children }: { to: string; children: ComponentChildren }) => (
  <p>
    <a href={to}>{children}</a>
  </p>
);

/** The currencies a form offers for a new amount. */
export const CurrencySelect = ({ id, name }: { id: string; name: string }) => (
  <select id={id} name={name}>
    {['USD', 'EUR', 'GBP', 'CAD', 'JPY'].map((code) => (
      <option key={code} value={code}>
        {code}
      </option>
    ))}
  </select>
);
