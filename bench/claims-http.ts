/**
 * What the claims benchmark needs to drive the local stack over HTTP: JSON calls with a bearer token, a
 * bounded pool of workers over a list, and the latency figures of a phase.
 */
import { percentile } from './api-load';

export interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly text: string;
}

export type Call = (
  method: string,
  route: string,
  token: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Answer>;

/** A JSON client of the API at `base`; non-JSON answers (the pain.001 file) come back as text. */
export function httpClient(base: string): Call {
  return async (method, route, token, body, headers = {}) => {
    const response = await fetch(`${base}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, json: isJson ? JSON.parse(text) : {}, text };
  };
}

/** Calls `run` once for each of `items`, at most `workers` at a time, and answers the results in order. */
export async function inParallel<T, R>(
  items: readonly T[],
  workers: number,
  run: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await run(items[index] as T, index);
      }
    }),
  );
  return results;
}

/** Throws with the answer when a setup call did not get the status it needs: a bench on a broken stack measures nothing. */
export function expectStatus(answer: Answer, expected: number, what: string): Answer {
  if (answer.status !== expected) {
    throw new Error(`${what}: expected ${expected}, got ${answer.status} ${answer.text.slice(0, 500)}`);
  }
  return answer;
}

/** p50 and p99 of latencies in milliseconds, rounded. */
export function latencyFigures(latencies: number[]): { p50ms: number; p99ms: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50ms: Math.round(percentile(sorted, 50)), p99ms: Math.round(percentile(sorted, 99)) };
}
