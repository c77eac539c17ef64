import { apiPathPrefix } from './api-path';
import type { Problem } from './api-types';

/** An answer of the API that is not a success, carrying its problem details (RFC 9457) for the page to show. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** The problem of a failed request the API did not describe itself (network down, gateway's plain JSON). */
const problemOfResponse = (status: number, title: string, detail: string): Problem => ({
  type: 'about:blank',
  title,
  status,
  detail,
});

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<Problem> & { message?: string };
    if (typeof body.title === 'string' && typeof body.status === 'number') return body as Problem;
    return problemOfResponse(response.status, response.statusText || 'Error', body.message ?? text);
  } catch {
    return problemOfResponse(response.status, response.statusText || 'Error', text.slice(0, 200));
  }
}

/** One request to the API at the same origin, with the bearer token; an unreachable API is an `ApiProblem`. */
async function send(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(`${apiPathPrefix}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiProblem(
      problemOfResponse(0, 'Network error', `The API could not be reached (${String(error)})`),
    );
  }
}

/**
 * Calls the API at the same origin (under `/api`) with the signed-in user's bearer token; JSON in and out. Rejects with an
 * `ApiProblem` for every non-2xx answer, so each page shows the API's own detail and field errors.
 */
export async function callApi<T>(
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await send(token, method, path, body);
  if (!response.ok) throw new ApiProblem(await problemOf(response));
  return (await response.json()) as T;
}

/**
 * Saves what a GET answers (a CSV report or journal) as a file. A plain link cannot carry the bearer token,
 * so the body is fetched and handed to the browser as an object URL; the name is the API's own
 * (Content-Disposition) or `fallbackName`.
 */
export async function downloadFromApi(token: string, path: string, fallbackName: string): Promise<void> {
  const response = await send(token, 'GET', path);
  if (!response.ok) throw new ApiProblem(await problemOf(response));
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A path segment, percent-encoded (ids come from the URL the user may have typed). */
export const segment = (value: string) => encodeURIComponent(value);
