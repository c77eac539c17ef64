import { ValidationError } from '../../shared/errors';
import type { SaleLine } from '../sale-line';
import type { AccrualWorkspace } from './accrual-workspace';
import { hashText } from './line-set-fingerprint';

/**
 * Finds a repeated line id without a million-entry Set on the JS heap (which every later garbage collection
 * would walk): each id's hash sets a bit in a bitset of about 32 bits per line, and only the lines whose
 * bit was already set by another id (a few percent, every repeat among them) are compared by id at the end.
 * The id's hash is the one the line-set fingerprint mixes in (`hash`, of the last id added).
 */
export class UniqueLineIds {
  readonly hash = new Int32Array(2);
  private readonly seen: Int32Array;
  /** The bits that more than one line set. */
  private readonly collided: Int32Array;
  /** Lines whose bit an earlier line had set: the ones `check` compares by id. */
  collisions = 0;
  private readonly mask: number;
  /** The bit of each line. */
  private readonly bitOf: Int32Array;

  constructor(count: number, workspace: AccrualWorkspace) {
    let bits = 1 << 10;
    while (bits < count * 32 && bits < 1 << 30) bits *= 2;
    this.seen = workspace.int32('lineIdBits', bits / 32).fill(0);
    this.collided = workspace.int32('lineIdCollisions', bits / 32).fill(0);
    this.mask = bits - 1;
    this.bitOf = workspace.int32('lineIdBit', count);
  }

  add(index: number, id: string): void {
    hashText(id, this.hash);
    // The multiplicative lanes mix upwards only: their low bits see little of the text until mixed down.
    let mixed = (this.hash[0] as number) ^ ((this.hash[1] as number) >>> 15);
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
    const bit = (mixed ^ (mixed >>> 16)) & this.mask;
    this.bitOf[index] = bit;
    const word = bit >>> 5;
    const flag = 1 << (bit & 31);
    if (((this.seen[word] as number) & flag) === 0) this.seen[word] = (this.seen[word] as number) | flag;
    else {
      this.collided[word] = (this.collided[word] as number) | flag;
      this.collisions++;
    }
  }

  /** Throws on the first line (in input order) whose id an earlier line has. */
  check(lines: readonly SaleLine[]): void {
    if (this.collisions === 0) return;
    const ids = new Set<string>();
    for (let index = 0; index < lines.length; index++) {
      const bit = this.bitOf[index] as number;
      if (((this.collided[bit >>> 5] as number) & (1 << (bit & 31))) === 0) continue;
      const id = (lines[index] as SaleLine).lineId;
      if (ids.has(id)) throw new ValidationError(`sale line '${id}' appears twice`);
      ids.add(id);
    }
  }
}
