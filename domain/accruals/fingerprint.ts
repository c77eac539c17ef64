import type { SaleLine } from './sale-line';

const encoder = new TextEncoder();

/**
 * FNV-1a, 64 bits, over the UTF-8 bytes of `text`, as 16 hex digits. Implemented on four 16-bit limbs
 * because BigInt arithmetic per byte is too slow for a million lines; the domain may not use node:crypto.
 * The FNV prime 2^40 + 0x1b3 makes the multiplication a shift plus a small product.
 */
export function fnv1a64(text: string): string {
  // Offset basis 0xcbf29ce484222325, lowest limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of encoder.encode(text)) {
    h0 ^= byte;
    // h × 0x1b3
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (t1 >>> 16);
    // + h << 40: limb 0 lands in bits 40..55 (upper half of limb 2, lower half of limb 3), limb 1's low byte in limb 3.
    const t2s = t2 + ((h0 & 0xff) << 8);
    const t3 = h3 * 0x1b3 + (t2s >>> 16) + (h0 >>> 8) + ((h1 & 0xff) << 8);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2s & 0xffff;
    h3 = t3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}

/** JSON with object keys sorted, so that equal values always serialize to the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${fields.join(',')}}`;
}

/**
 * Feeds a field into the two lanes, length first so that field boundaries are unambiguous. The lanes live in
 * an Int32Array: 32-bit values kept in variables outside the function would be boxed on every store.
 */
function feed(lanes: Int32Array, text: string | undefined): void {
  let a = lanes[0] as number;
  let b = lanes[1] as number;
  const length = text === undefined ? -1 : text.length;
  a = Math.imul(a ^ length, 0x9e3779b1);
  b = Math.imul(b ^ length, 0x5f356495);
  if (text !== undefined) {
    for (let index = 0; index < length; index++) {
      const code = text.charCodeAt(index);
      a = Math.imul(a ^ code, 0x9e3779b1);
      b = Math.imul(b ^ code, 0x5f356495);
    }
  }
  lanes[0] = a;
  lanes[1] = b;
}

/**
 * A stable fingerprint of a set of sale lines: independent of their order, sensitive to any field of any
 * line. Every field of a line, in a fixed order with attributes sorted, goes through two independent 32-bit
 * multiplicative hash lanes over UTF-16 code units (length-prefixed, then finalized with avalanche mixing);
 * the line hashes are added per lane modulo 2^32 (a multiset hash: order-independent without sorting a
 * million strings), and the sums with the line count go through FNV-1a 64. A run records it so a replay can
 * prove it read the same lines.
 */
export function fingerprintLines(lines: readonly SaleLine[]): string {
  let sumA = 0;
  let sumB = 0;
  let sumC = 0;
  const lanes = new Int32Array(2);
  for (const line of lines) {
    lanes[0] = 0x811c9dc5;
    lanes[1] = 0x2545f491;
    feed(lanes, line.lineId);
    feed(lanes, line.partnerId);
    feed(lanes, line.invoiceDate);
    feed(lanes, line.shipDate);
    feed(lanes, line.orderDate);
    feed(lanes, line.sku);
    feed(lanes, line.category);
    feed(lanes, line.uom);
    feed(lanes, line.quantityBase);
    feed(lanes, line.extendedAmount);
    feed(lanes, line.currency);
    feed(lanes, line.endCustomerId);
    feed(lanes, line.billTo);
    feed(lanes, line.shipTo);
    feed(lanes, line.orderType);
    feed(lanes, line.orderLineType);
    feed(lanes, line.salesperson);
    feed(lanes, line.warehouse);
    const keys = Object.keys(line.attributes);
    if (keys.length > 1) keys.sort();
    feed(lanes, String(keys.length));
    for (const key of keys) {
      feed(lanes, key);
      feed(lanes, line.attributes[key]);
    }
    let a = lanes[0] as number;
    let b = lanes[1] as number;
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
    b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    const c = Math.imul(a ^ (b >>> 15), 0x27d4eb2f) ^ b;
    sumA = (sumA + (a >>> 0)) >>> 0;
    sumB = (sumB + (b >>> 0)) >>> 0;
    sumC = (sumC + (c >>> 0)) >>> 0;
  }
  return fnv1a64(`${lines.length}:${sumA}:${sumB}:${sumC}`);
}
