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
 * A one-hash Bloom filter (16 bits a key, ~6 % false positives at most): where most lookups miss (POS sales
 * no claim line asks for, invoice lines never claimed), a miss in a Map of 100,000 strings chases several
 * cold entries and key strings, while a bit in a small array answers "surely not" for nearly all of them.
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
    const bit = hash & this.mask;
    this.bits[bit >>> 5] = (this.bits[bit >>> 5] as number) | (1 << (bit & 31));
  }

  mayHave(hash: number): boolean {
    const bit = hash & this.mask;
    return ((this.bits[bit >>> 5] as number) & (1 << (bit & 31))) !== 0;
  }
}
