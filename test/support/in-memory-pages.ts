import type { Page, PageRequest } from '../../domain/shared/ports';

/**
 * Orders items as DynamoDB orders their sort keys: by the key's UTF-8 bytes, not by locale (`localeCompare`
 * puts "_" first). The fakes list with it, so use cases see the adapters' order.
 */
export const bySortKey =
  <T>(sortKeyOf: (item: T) => string) =>
  (a: T, b: T) =>
    Buffer.compare(Buffer.from(sortKeyOf(a)), Buffer.from(sortKeyOf(b)));

/** One page of `items` (in listing order), its cursor the offset of the next page: how the fakes page. */
export function offsetPage<T>(items: readonly T[], request: Pick<PageRequest, 'limit' | 'cursor'>): Page<T> {
  const start = Number(request.cursor ?? 0);
  const next = start + request.limit;
  const page = items.slice(start, next);
  return next < items.length ? { items: page, nextCursor: String(next) } : { items: page };
}
