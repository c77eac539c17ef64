import { useEffect, useState } from 'preact/hooks';

/** Where the app is: the hash route (`#/claims/CLM-1?x=y`) split into its path segments and query. */
export interface Location {
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
}

function currentLocation(): Location {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [pathPart = '/', queryPart = ''] = hash.split('?');
  const segments = pathPart
    .split('/')
    .filter((part) => part.length > 0)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  return { segments, query: new URLSearchParams(queryPart) };
}

/**
 * Hash routes: the page's path never reaches a server, so no portal URL can collide with an API path at the
 * same origin (`/claims/…` is the API; `/#/claims/…` the page).
 */
export function useLocation(): Location {
  const [location, setLocation] = useState(currentLocation);
  useEffect(() => {
    const update = () => setLocation(currentLocation());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return location;
}

/** The href of a page: `href('claims', id)` → `#/claims/<id>`. */
export const href = (...segments: string[]) =>
  `#/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;

export const navigate = (target: string) => {
  window.location.hash = target.replace(/^#/, '');
};
