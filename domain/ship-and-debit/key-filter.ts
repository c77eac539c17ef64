/** Hashing and filtering of string keys for the claim validation's hot loops. */
/** FNV-1a of `text` continued from `hash`: a few multiplications on characters the caller reads anyway. */
export function hashOf(text: string, hash = 0x811c9dc5): number {
  let mixed = hash;
  for (let index = 0; index < text.length; index++) {
    mixed = Math.imul(mixed ^ text.charCodeAt(index), 0x01000193);
  }
  return mixed;
}

/**
 * A Bloom filter of two bits a key in 16 (~1.4 % false positives at most, where one bit let ~6 % through):
 * where most lookups miss (POS sales no claim line asks for, invoice lines never claimed), a miss in a Map of
 * 100,000 strings chases several cold entries and key strings, while two bits in a small array answer
 * "surely not" for nearly all of them.
 */
export class KeyFilter {
  private readonly bits: Int32Array;
  private readonly mask: number;

  constructor(keys: number) {
    let size = 1024;
    while (size < keys * 16) size *= 2;
    this.bits = new Int32Array(size / 32);
    this.mask = size - 1;
  }

  add(hash: number): void {
    this.set(hash & this.mask);
    this.set(secondBit(hash) & this.mask);
  }

  mayHave(hash: number): boolean {
    return this.isSet(hash & this.mask) && this.isSet(secondBit(hash) & this.mask);
  }

  private set(bit: number): void {
    this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
  }

  private isSet(bit: number): boolean {
    return ((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
  }
}

/** A second bit position from the same hash, its bits remixed so it does not follow the first. */
function secondBit(hash: number): number {
  const mixed = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d);
  return mixed ^ (mixed >>> 12);
}
