import { problemStatuses, type RouteSpec } from '../../functions/api/route-spec';
import { apiRoutes } from '../../functions/api/routes';

const routePatterns = apiRoutes.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`),
}));

/** The route table entry a request is served by (literal paths before templated ones, as the gateway does). */
function routeOf(method: string, path: string): RouteSpec | undefined {
  const pathname = new URL(path, 'http://localhost').pathname;
  const candidates = routePatterns.filter(
    (entry) => entry.route.method === method && entry.pattern.test(pathname),
  );
  return candidates.find((entry) => !entry.route.path.includes('{'))?.route ?? candidates[0]?.route;
}

/**
 * What the contract test checks on every answer of the local API: the status is one the route documents
 * (OpenAPI), a problem is `application/problem+json` with the RFC 9457 members, and a JSON success parses
 * with the route's documented response schema. Returns what diverges, or undefined.
 */
export function contractViolation(
  method: string,
  path: string,
  answer: { status: number; contentType: string; json: unknown },
): string | undefined {
  const route = routeOf(method, path);
  if (!route) return undefined; // no such route: the gateway's own 404, not a route's contract
  const where = `${method} ${route.path} answered ${answer.status}`;
  const success: readonly number[] = route.success ?? [];
  const problems: readonly number[] = problemStatuses(route);
  if (success.includes(answer.status)) {
    if (!route.response || !answer.contentType.startsWith('application/json')) return undefined;
    const parsed = route.response.safeParse(answer.json);
    return parsed.success ? undefined : `${where}, a body off its schema: ${parsed.error.message}`;
  }
  if (!problems.includes(answer.status)) {
    return `${where}, not documented (documented: ${[...success, ...problems].join(', ')})`;
  }
  if (!answer.contentType.startsWith('application/problem+json')) {
    return `${where} as ${answer.contentType || 'no content type'}, not application/problem+json`;
  }
  const problem = answer.json as Record<string, unknown> | undefined;
  const complete = ['type', 'title', 'status', 'detail'].every((member) => problem?.[member] !== undefined);
  return complete ? undefined : `${where}, a problem without type, title, status and detail`;
}
