import { useEffect, useState } from 'preact/hooks';
import { callApi } from './api';
import type { Page, Problem } from './api-types';
import { type Loaded, ProblemView, problemOf, useApiGet } from './components';
import type { Session } from './session';

/** A listing read page by page: the items so far, and `loadMore` while the API has a next cursor. */
export interface Pages<T> {
  readonly loaded: Loaded<readonly T[]>;
  readonly loadMore?: () => Promise<void>;
  readonly problem?: Problem;
}

/**
 * GETs the first page of `path` (which carries its own query, e.g. `?month=2026-03&limit=50`) and appends
 * the next pages on demand; a new `path` starts over.
 */
export function usePages<T>(session: Session, path: string): Pages<T> {
  const [first] = useApiGet<Page<T>>(session, path);
  const [more, setMore] = useState<{ items: readonly T[]; nextCursor?: string | undefined }>({ items: [] });
  const [problem, setProblem] = useState<Problem | undefined>();
  useEffect(() => {
    setMore({ items: [] });
    setProblem(undefined);
  }, [path]);
  if (first.state !== 'loaded') return { loaded: first };
  const cursor = more.items.length > 0 ? more.nextCursor : first.data.nextCursor;
  const separator = path.includes('?') ? '&' : '?';
  const loadMore = async () => {
    try {
      const next = await callApi<Page<T>>(
        session.token,
        'GET',
        `${path}${separator}cursor=${encodeURIComponent(cursor ?? '')}`,
      );
      setMore({ items: [...more.items, ...next.items], nextCursor: next.nextCursor });
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return {
    loaded: { state: 'loaded', data: [...first.data.items, ...more.items] },
    ...(cursor ? { loadMore } : {}),
    ...(problem ? { problem } : {}),
  };
}

/** "Show more …" while the listing has further pages, and the problem of a page that failed to load. */
export function MorePages<T>({ pages, what }: { pages: Pages<T>; what: string }) {
  return (
    <>
      {pages.loadMore && (
        <button type="button" class="secondary" onClick={pages.loadMore}>
          Show more {what}
        </button>
      )}
      {pages.problem && <ProblemView problem={pages.problem} />}
    </>
  );
}
