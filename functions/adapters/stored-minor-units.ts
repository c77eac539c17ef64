/**
 * Minor units as the document client returns a stored number: a number, or a bigint beyond 2^53; both are
 * exact integers of the minor unit. Absent (or anything else) is 0.
 */
export const minorOf = (value: unknown): bigint =>
  typeof value === 'number' || typeof value === 'bigint' ? BigInt(value) : 0n;
