import { expect } from 'vitest';
import type { Page } from '../../domain/shared/ports';

/**
 * Every item of a listing read `limit` at a time, following each page's cursor to the end: what a contract
 * compares, so a store that pages wrongly (an item twice, one lost, a page too long) fails it.
 */
export async function everyPage<T>(
  limit: number,
  list: (page: { readonly limit: number; readonly cursor?: string | undefined }) => Promise<Page<T>>,
): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit, cursor });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return seen;
}

/**
 * The ids of the records whose id starts with `prefix`, in listed order: a contract's own records, as the
 * table it runs on may hold other tests' records too.
 */
export const ownIds = <T>(records: readonly T[], idOf: (record: T) => string, prefix: string): string[] =>
  records.map(idOf).filter((id) => id.startsWith(prefix));
