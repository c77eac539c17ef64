import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintLines } from '../../../domain/accruals/engine/line-set-fingerprint';
import { prepareSaleLines } from '../../../domain/accruals/engine/sale-line-columns';
import type { SaleLine } from '../../../domain/accruals/sale-line';
import { canonicalJson, fnv1a64 } from '../../../domain/shared/fingerprint';
import { saleLine } from './builders';

/** The textbook FNV-1a 64 on BigInt: slow, obviously right, the reference for the limb version. */
function referenceFnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * Any text of up to 64 code points, lone surrogate halves included (what `fc.string({ unit: 'binary' })`
 * draws, but built from integers: that arbitrary takes ~30 ms per value here, this one microseconds).
 */
const anyText = fc
  .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 64 })
  .map((codePoints) => String.fromCodePoint(...codePoints));

describe('fingerprints', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('property: the limb implementation equals the BigInt reference', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(fnv1a64(text)).toBe(referenceFnv1a64(text));
      }),
    );
  });

  it('serializes objects with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }], skip: undefined })).toBe(
      '{"a":[true,{"c":"x","d":null}],"b":1}',
    );
  });

  it('does not depend on line order but changes with any field', () => {
    const lines = [saleLine({ lineId: 'L1' }), saleLine({ lineId: 'L2', quantityBase: '3' })];
    const forward = fingerprintLines(lines);

    expect(fingerprintLines([...lines].reverse())).toBe(forward);
    // Restating any one field of the second line (some of which repeat the first line's value) changes it.
    const restatements: Partial<SaleLine>[] = [
      { quantityBase: '4' },
      { shipTo: 'S2' },
      { warehouse: 'W2' },
      { orderType: 'RUSH' },
      { orderLineType: 'FREE' },
      { shipDate: '2026-03-11' },
      { orderDate: '2026-03-09' },
      { invoiceDate: '2026-03-11' },
      { attributes: { region: 'EU' } },
    ];
    for (const change of restatements) {
      expect(fingerprintLines([lines[0] as SaleLine, { ...(lines[1] as SaleLine), ...change }])).not.toBe(
        forward,
      );
    }
  });

  it('property: the columns hash each distinct key value once and give the fingerprint of the lines', () => {
    const value = fc.constantFrom('A', 'B', 'ab', '', 'ü€', 'long value 123');
    const lineArbitrary = fc.record({
      partnerId: value,
      endCustomerId: value,
      billTo: value,
      sku: value,
      category: value,
      uom: value,
      currency: fc.constantFrom('USD' as const, 'EUR' as const),
      salesperson: value,
      invoiceDate: fc.constantFrom('2026-01-01', '2026-02-28'),
      shipDate: fc.constantFrom('2026-01-01', '2026-02-28'),
      orderDate: fc.constantFrom('2026-01-01', '2026-02-28'),
      shipTo: value,
      orderType: value,
      warehouse: value,
      quantityBase: fc.constantFrom('1', '-2.5', '10'),
      attributes: fc.dictionary(value, value, { maxKeys: 2 }),
    });
    fc.assert(
      fc.property(fc.array(lineArbitrary, { maxLength: 30 }), (fields) => {
        const lines = fields.map((line, index) => saleLine({ lineId: `L${index}`, ...line }));
        expect(prepareSaleLines(lines).lineSetFingerprint).toBe(fingerprintLines(lines));
      }),
    );
  });
});
