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
