import { ValidationError } from '../shared/errors';
import type { SaleLine } from './sale-line';

/** FNV-1a over the UTF-16 code units of `text`, 32 bits. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let at = 0; at < text.length; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193);
  return hash;
}

/**
 * Finds a repeated line id without a million-entry Set on the JS heap (which every later garbage collection
 * would walk): each id's hash sets a bit in a bitset of about 16 bits per line, and only the lines whose
 * bit was already set by another id (a few percent, every repeat among them) are compared by id at the end.
 */
export class UniqueLineIds {
  private readonly seen: Int32Array;
  private readonly mask: number;
  /** The bit of each line. */
  private readonly bitOf: Int32Array;
  private readonly collided = new Set<number>();

  constructor(count: number) {
    let bits = 1 << 10;
    while (bits < count * 16 && bits < 1 << 30) bits *= 2;
    this.seen = new Int32Array(bits / 32);
    this.mask = bits - 1;
    this.bitOf = new Int32Array(count);
  }

  add(index: number, id: string): void {
    const bit = hashOf(id) & this.mask;
    this.bitOf[index] = bit;
    const word = bit >>> 5;
    const flag = 1 << (bit & 31);
    if (((this.seen[word] as number) & flag) !== 0) this.collided.add(bit);
    else this.seen[word] = (this.seen[word] as number) | flag;
  }

  /** Throws on the first line (in input order) whose id an earlier line has. */
  check(lines: readonly SaleLine[]): void {
    if (this.collided.size === 0) return;
    const ids = new Set<string>();
    for (let index = 0; index < lines.length; index++) {
      if (!this.collided.has(this.bitOf[index] as number)) continue;
      const id = (lines[index] as SaleLine).lineId;
      if (ids.has(id)) throw new ValidationError(`sale line '${id}' appears twice`);
      ids.add(id);
    }
  }
}
