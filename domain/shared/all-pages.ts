import type { Page, PageRequest } from './ports';

/**
 * Every item of a paged listing, page after page: for reports that need the whole (bounded) set, such as
 * one partner's sales of one product in a window.
 */
export async function allPages<T>(read: (page: PageRequest) => Promise<Page<T>>, limit = 1000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return items;
}
