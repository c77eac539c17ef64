/** An EventBridge event as rules see it and targets receive it. */
export interface EventEnvelope {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

type Matcher = (value: unknown, present: boolean) => boolean;
export type EventPredicate = (event: EventEnvelope) => boolean;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numericComparisons: Record<string, (left: number, right: number) => boolean> = {
  '=': (left, right) => left === right,
  '<': (left, right) => left < right,
  '<=': (left, right) => left <= right,
  '>': (left, right) => left > right,
  '>=': (left, right) => left >= right,
};

function numericMatcher(terms: unknown[], where: string): (value: unknown) => boolean {
  const pairs: [(left: number, right: number) => boolean, number][] = [];
  for (let index = 0; index < terms.length; index += 2) {
    const compare = numericComparisons[String(terms[index])];
    const bound = terms[index + 1];
    if (!compare || typeof bound !== 'number') throw unsupported(where, JSON.stringify({ numeric: terms }));
    pairs.push([compare, bound]);
  }
  return (value) => typeof value === 'number' && pairs.every(([compare, bound]) => compare(value, bound));
}

/** One element of a pattern's array: a value to equal, or a content filter. */
function valueMatcher(element: unknown, where: string): Matcher {
  if (!isObject(element)) return (value, present) => present && value === element;
  const entries = Object.entries(element);
  const [operator, operand] = entries[0] ?? [];
  if (entries.length !== 1) throw unsupported(where, JSON.stringify(element));
  const text = (): string => {
    if (typeof operand !== 'string') throw unsupported(where, JSON.stringify(element));
    return operand;
  };
  switch (operator) {
    case 'prefix': {
      const prefix = text();
      return (value) => typeof value === 'string' && value.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = text();
      return (value) => typeof value === 'string' && value.endsWith(suffix);
    }
    case 'equals-ignore-case': {
      const lower = text().toLowerCase();
      return (value) => typeof value === 'string' && value.toLowerCase() === lower;
    }
    case 'exists':
      if (typeof operand !== 'boolean') throw unsupported(where, JSON.stringify(element));
      return (_value, present) => present === operand;
    case 'numeric':
      if (!Array.isArray(operand)) throw unsupported(where, JSON.stringify(element));
      return numericMatcher(operand, where);
    case 'anything-but': {
      const excluded = Array.isArray(operand) ? operand : [operand];
      if (excluded.some(isObject)) throw unsupported(where, JSON.stringify(element));
      return (value, present) => present && !excluded.includes(value);
    }
    default:
      throw unsupported(where, JSON.stringify(element));
  }
}

function unsupported(where: string, what: string): Error {
  return new Error(
    `Local runtime: the event pattern at ${where} uses ${what}, which the local bus does not emulate`,
  );
}

/** A field's pattern (an array of alternatives) against the event's value, which may itself be an array. */
function fieldMatcher(alternatives: unknown[], where: string): Matcher {
  const matchers = alternatives.map((element) => valueMatcher(element, where));
  return (value, present) => {
    const values = Array.isArray(value) ? value : [value];
    return matchers.some((match) => values.some((one) => match(one, present)));
  };
}

function objectMatcher(pattern: Record<string, unknown>, where: string): Matcher {
  const fields = Object.entries(pattern).map(([key, inner]): [string, Matcher] => {
    const at = where === '' ? key : `${where}.${key}`;
    if (key.startsWith('$')) throw unsupported(at, key);
    if (Array.isArray(inner)) return [key, fieldMatcher(inner, at)];
    if (isObject(inner)) return [key, objectMatcher(inner, at)];
    throw new Error(`Local runtime: the event pattern at ${at} must be an array or an object`);
  });
  return (value) => {
    const object = isObject(value) ? value : {};
    return fields.every(([key, match]) => match(object[key], Object.hasOwn(object, key)));
  };
}

/**
 * EventBridge event pattern matching for the local bus: every field of the pattern must match; a field's
 * array matches when one of its values equals the event's (or one of the event's, for an array), and the
 * content filters prefix, suffix, equals-ignore-case, anything-but (values), numeric and exists apply. A
 * pattern using anything else (`$or`, wildcard, …) is refused when the stack starts, never silently missed.
 */
export function compileEventPattern(pattern: unknown): EventPredicate {
  if (!isObject(pattern)) throw new Error('Local runtime: an event pattern must be a JSON object');
  const match = objectMatcher(pattern, '');
  return (event) => match(event, true);
}
