import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unmarshallItem } from '../../../functions/adapters/item-unmarshall';

/** Numbers as DynamoDB sends them: small and large integers (BigInt beyond 2^53), decimals, exponents. */
const numberText = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom('0.10', '-0', '1e3', '123.4500'),
);
const names = fc.oneof(fc.string(), fc.constantFrom('pk', 'type', 'S', 'M', 'constructor', 'toString'));

const { value } = fc.letrec<{ value: AttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string().map((S) => ({ S })),
    numberText.map((N) => ({ N })),
    fc.boolean().map((BOOL) => ({ BOOL })),
    fc.constant({ NULL: true }),
    fc.uint8Array({ maxLength: 8 }).map((B) => ({ B })),
    fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 4 }).map((SS) => ({ SS })),
    fc.uniqueArray(numberText, { minLength: 1, maxLength: 4 }).map((NS) => ({ NS })),
    fc.array(tie('value'), { maxLength: 4 }).map((L) => ({ L })),
    fc.dictionary(names, tie('value'), { maxKeys: 4 }).map((M) => ({ M })),
  ),
}));

/** The value, or the error's message (util-dynamodb refuses some numbers, 1e+21, as BigInt). */
function outcomeOf(read: () => unknown) {
  try {
    return { value: read() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('unmarshallItem', () => {
  it("gives what util-dynamodb's unmarshall gives (or fails as it does), for any item", () => {
    fc.assert(
      fc.property(fc.dictionary(names, value, { maxKeys: 12 }), (item) => {
        expect(outcomeOf(() => unmarshallItem(item))).toEqual(outcomeOf(() => unmarshall(item)));
      }),
      { numRuns: 500 },
    );
  });

  it("fails as util-dynamodb's does on a value without a member", () => {
    const item = { broken: { S: undefined } as unknown as AttributeValue };
    expect(() => unmarshall(item)).toThrow('No value defined');
    expect(() => unmarshallItem(item)).toThrow('No value defined');
  });
});
