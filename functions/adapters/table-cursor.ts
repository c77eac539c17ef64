import { ValidationError } from '../../domain/shared/errors';

/**
 * Where the next page of a listing starts: the shard (for listings spread over `shardCount` partitions,
 * see table-keys/channel-lines.ts; 0 otherwise) and DynamoDB's LastEvaluatedKey in it (absent at a shard's start).
 * This is the one cursor codec of every table listing; the API seals the text it gives clients (HMAC,
 * bound to the caller and the query: functions/shared/http/paging.ts), so clients never see or forge it.
 */
export interface TablePosition {
  readonly shard: number;
  readonly key?: Readonly<Record<string, unknown>> | undefined;
}

/** The table's and its indexes' key attributes: the only ones a start key holds. */
export const keyAttributes: ReadonlySet<string> = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
]);

/** The cursor text of a position. */
export function cursorOf(position: TablePosition): string {
  return JSON.stringify(position.key === undefined ? { shard: position.shard } : position);
}

function isStartKey(key: unknown): key is Record<string, string> {
  if (key === null || typeof key !== 'object' || Array.isArray(key)) return false;
  const entries = Object.entries(key);
  return (
    'pk' in key &&
    'sk' in key &&
    entries.every(([name, value]) => keyAttributes.has(name) && typeof value === 'string')
  );
}

/**
 * Reads a cursor back; the first page when there is none. Anything that is not a position of this table
 * (a shard out of range, a start key without pk/sk or with other attributes) is a 400, never a DynamoDB error.
 */
export function positionOf(cursor: string | undefined, shards = 1): TablePosition {
  if (cursor === undefined) return { shard: 0 };
  try {
    const parsed = JSON.parse(cursor) as { shard?: unknown; key?: unknown };
    const { shard, key } = parsed;
    const shardOk = typeof shard === 'number' && Number.isInteger(shard) && shard >= 0 && shard < shards;
    if (shardOk && key === undefined) return { shard };
    if (shardOk && isStartKey(key)) return { shard, key };
  } catch {
    // fall through: every unreadable cursor gets the same answer
  }
  throw new ValidationError('Invalid cursor', [
    { path: 'query.cursor', message: 'is not a cursor this API returned' },
  ]);
}
