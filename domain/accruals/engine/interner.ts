import { hashText } from './line-set-fingerprint';
import type { StringColumn } from './string-column';

/**
 * Interns a field's values in input order, then ranks them so ids compare like the texts. Each distinct
 * value is hashed once for the line-set fingerprint: `hash` holds the hashes of the last value added.
 */
export class Interner {
  readonly hash = new Int32Array(2);
  private readonly idOf = new Map<string | undefined, number>();
  private readonly distinct: (string | undefined)[] = [];
  private readonly hashesA: number[] = [];
  private readonly hashesB: number[] = [];
  /** The previous line's value and id: neighbouring lines often share a value (one UoM, one currency). */
  private lastValue: string | undefined = undefined;
  private lastId = -1;

  /** `ids` gets the id of each line, in input order. */
  constructor(private readonly ids: Int32Array) {}

  add(index: number, value: string | undefined): void {
    if (value === this.lastValue && this.lastId >= 0) {
      this.ids[index] = this.lastId;
      return;
    }
    let id = this.idOf.get(value);
    if (id === undefined) {
      id = this.distinct.length;
      this.idOf.set(value, id);
      this.distinct.push(value);
      hashText(value, this.hash);
      this.hashesA.push(this.hash[0] as number);
      this.hashesB.push(this.hash[1] as number);
    }
    this.ids[index] = id;
    this.lastValue = value;
    this.lastId = id;
    this.hash[0] = this.hashesA[id] as number;
    this.hash[1] = this.hashesB[id] as number;
  }

  /** The column in input order, its ids renumbered by the rank of their value (undefined first). */
  ranked(): StringColumn {
    const sorted = this.distinct
      .map((value, id) => ({ value, id }))
      .sort((a, b) =>
        a.value === b.value
          ? 0
          : a.value === undefined
            ? -1
            : b.value === undefined
              ? 1
              : a.value < b.value
                ? -1
                : 1,
      );
    const rank = new Int32Array(sorted.length);
    sorted.forEach((item, index) => {
      rank[item.id] = index;
    });
    const ids = this.ids;
    for (let index = 0; index < ids.length; index++) ids[index] = rank[ids[index] as number] as number;
    return { ids, values: sorted.map((item) => item.value) };
  }
}
