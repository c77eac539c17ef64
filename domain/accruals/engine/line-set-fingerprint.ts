import { fnv1a64 } from '../../shared/fingerprint';
import type { SaleLine } from '../sale-line';

/**
 * Hashes a field's text into `into[0]` and `into[1]`: two independent multiplicative lanes over its length
 * (so that field boundaries are unambiguous; -1 for a missing field), then its UTF-16 code units two at a
 * time. Hashes live in Int32Arrays: 32-bit values stored in object fields would be boxed on every store.
 */
export function hashText(text: string | undefined, into: Int32Array): void {
  const length = text === undefined ? -1 : text.length;
  let a = Math.imul(0x811c9dc5 ^ length, 0x9e3779b1);
  let b = Math.imul(0x2545f491 ^ length, 0x5f356495);
  if (text !== undefined) {
    const pairs = length & ~1;
    for (let index = 0; index < pairs; index += 2) {
      const word = text.charCodeAt(index) | (text.charCodeAt(index + 1) << 16);
      a = Math.imul(a ^ word, 0x9e3779b1);
      b = Math.imul(b ^ word, 0x5f356495);
    }
    if (pairs !== length) {
      const code = text.charCodeAt(pairs);
      a = Math.imul(a ^ code, 0x9e3779b1);
      b = Math.imul(b ^ code, 0x5f356495);
    }
  }
  into[0] = a;
  into[1] = b;
}

/** Whether an object has an own enumerable key, without listing them (a million lines rarely have any). */
function hasKeys(record: Readonly<Record<string, string>>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

/**
 * The hashes of the current line's fields that a caller has already computed (by `hashText`): the
 * engine hashes the line id once for two purposes and each distinct value of its interned key fields once.
 */
export type KnownFieldHashes = Readonly<
  Record<
    | 'lineId'
    | 'partnerId'
    | 'endCustomerId'
    | 'billTo'
    | 'sku'
    | 'uom'
    | 'currency'
    | 'salesperson'
    | 'category'
    | 'invoiceDate',
    Int32Array
  >
>;

/**
 * A stable fingerprint of a set of sale lines: independent of their order, sensitive to any field of any
 * line. Each field, in a fixed order with attributes sorted, is hashed on its own (`hashText`) and mixed
 * into the line's two lanes, which are finalized with avalanche mixing; the line hashes are added per lane
 * modulo 2^32 (a multiset hash: order-independent without sorting a million strings), and the sums with the
 * line count go through FNV-1a 64. A run records it so a replay can prove it read the same lines.
 *
 * Hashing each field apart lets the engine, which interns its key fields anyway, hash each distinct value
 * once (`known`) instead of once per line; the result is the same either way. Fields that mostly repeat the
 * previous line's value (ship-to, order type, warehouse) or the invoice date (ship and order dates) reuse
 * that hash when the text is equal: a hash depends on nothing but the text.
 */
export class LineSetFingerprint {
  private count = 0;
  private sumA = 0;
  private sumB = 0;
  private sumC = 0;
  /** The current line's two lanes, then a field's two hashes. */
  private readonly lanes = new Int32Array(2);
  private readonly field = new Int32Array(2);
  private readonly invoiceDate = new Int32Array(2);
  /** Per repeating field: the last text hashed and its hashes (two per field). */
  private readonly lastTexts: (string | undefined | null)[] = [null, null, null, null];
  private readonly lastHashes = [0, 1, 2, 3].map(() => new Int32Array(2));

  private mix(hash: Int32Array): void {
    const lanes = this.lanes;
    lanes[0] = Math.imul((lanes[0] as number) ^ (hash[0] as number), 0x85ebca6b);
    lanes[1] = Math.imul((lanes[1] as number) ^ (hash[1] as number), 0xc2b2ae35);
  }

  private mixText(text: string | undefined): void {
    hashText(text, this.field);
    this.mix(this.field);
  }

  /** A field's hash as the caller computed it, else from its text. */
  private mixField(known: Int32Array | undefined, text: string | undefined): void {
    if (known === undefined) this.mixText(text);
    else this.mix(known);
  }

  /** `mixText` for a field that mostly repeats: slot `slot` remembers the last text and its hashes. */
  private mixRepeated(slot: number, text: string | undefined): void {
    const hashes = this.lastHashes[slot] as Int32Array;
    if (this.lastTexts[slot] !== text) {
      hashText(text, hashes);
      this.lastTexts[slot] = text;
    }
    this.mix(hashes);
  }

  /** `mixText` for a date that is usually the invoice date. */
  private mixDate(text: string, invoiceDate: string): void {
    if (text === invoiceDate) this.mix(this.invoiceDate);
    else this.mixText(text);
  }

  /** Adds a line; `known` gives the hashes of its interned fields when the caller has them. */
  add(line: SaleLine, known: KnownFieldHashes | null = null): void {
    this.lanes[0] = 0x811c9dc5;
    this.lanes[1] = 0x2545f491;
    this.mixField(known?.lineId, line.lineId);
    this.mixField(known?.partnerId, line.partnerId);
    if (known === null) hashText(line.invoiceDate, this.invoiceDate);
    else this.invoiceDate.set(known.invoiceDate);
    this.mix(this.invoiceDate);
    this.mixDate(line.shipDate, line.invoiceDate);
    this.mixDate(line.orderDate, line.invoiceDate);
    this.mixField(known?.sku, line.sku);
    this.mixField(known?.category, line.category);
    this.mixField(known?.uom, line.uom);
    this.mixText(line.quantityBase);
    this.mixText(line.extendedAmount);
    this.mixField(known?.currency, line.currency);
    this.mixField(known?.endCustomerId, line.endCustomerId);
    this.mixField(known?.billTo, line.billTo);
    this.mixRepeated(0, line.shipTo);
    this.mixRepeated(1, line.orderType);
    this.mixRepeated(2, line.orderLineType);
    this.mixField(known?.salesperson, line.salesperson);
    this.mixRepeated(3, line.warehouse);
    if (hasKeys(line.attributes)) {
      const keys = Object.keys(line.attributes).sort();
      this.mixText(String(keys.length));
      for (const key of keys) {
        this.mixText(key);
        this.mixText(line.attributes[key]);
      }
    } else this.mixText('0');
    let a = this.lanes[0] as number;
    let b = this.lanes[1] as number;
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
    b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    const c = Math.imul(a ^ (b >>> 15), 0x27d4eb2f) ^ b;
    this.sumA = (this.sumA + (a >>> 0)) >>> 0;
    this.sumB = (this.sumB + (b >>> 0)) >>> 0;
    this.sumC = (this.sumC + (c >>> 0)) >>> 0;
    this.count++;
  }

  digest(): string {
    return fnv1a64(`${this.count}:${this.sumA}:${this.sumB}:${this.sumC}`);
  }
}

/** The fingerprint of a set of sale lines (see `LineSetFingerprint`). */
export function fingerprintLines(lines: readonly SaleLine[]): string {
  const fingerprint = new LineSetFingerprint();
  for (const line of lines) fingerprint.add(line);
  return fingerprint.digest();
}
