import { ValidationError } from '../shared/errors';
import type { SaleLine } from './sale-line';
import { parseLineDecimal } from './scaled-integer';

/**
 * A text field of every line as integers: `ids[i]` is the rank of line i's value among the field's distinct
 * values sorted by string order, so comparing ids compares the texts. `values[id]` is the text back.
 */
export interface StringColumn {
  readonly ids: Int32Array;
  readonly values: readonly (string | undefined)[];
}

/** Fields read as columns on demand: eligibility filters and date bases that programs may not use. */
export type LazyField =
  | 'invoiceDate'
  | 'shipDate'
  | 'orderDate'
  | 'shipTo'
  | 'orderType'
  | 'orderLineType'
  | 'warehouse';

/**
 * The lines of a run parsed once, as columns, sorted by aggregation key (partner, end customer, bill-to, item,
 * UoM, currency, salesperson). The sort is what keeps the engine's loops free of hashing: the lines of one
 * entry are consecutive, so an entry is found by comparing a tuple number with the previous line's, a pool
 * (a partner's or a partner's customer's lines) is a run of consecutive entries, and entries come out in key
 * order without sorting them.
 *
 * Quantities and amounts are integers of 1e-6. When each partner's sum of magnitudes per column is below 2^53
 * (`wide === false`), any sum of any subset of a partner's lines (every entry and pool is one) is an exact
 * JavaScript integer. Otherwise each value is
 * split into whole units (`quantity`, `revenue`) and micro-units (`quantityMicros`, `revenueMicros`), whose
 * sums stay exact for up to 9 million lines; the engine then combines them as BigInt.
 */
export interface SaleLineColumns {
  readonly count: number;
  /** The lines in column order (sorted by key), for traces and rarely used fields. */
  readonly lines: readonly SaleLine[];
  readonly wide: boolean;
  readonly quantity: Float64Array;
  readonly revenue: Float64Array;
  readonly quantityMicros: Float64Array | null;
  readonly revenueMicros: Float64Array | null;
  readonly partner: StringColumn;
  readonly customer: StringColumn;
  readonly billTo: StringColumn;
  readonly sku: StringColumn;
  readonly uom: StringColumn;
  readonly currency: StringColumn;
  readonly salesperson: StringColumn;
  readonly category: StringColumn;
  /** Entry tuple (partner … currency) of each line, ascending; `tupleStart[t]` is its first line. */
  readonly tuple: Int32Array;
  readonly tupleStart: Int32Array;
  /** The same with the salesperson added (SPIF entries are per salesperson). */
  readonly sellerTuple: Int32Array;
  readonly sellerTupleStart: Int32Array;
  /** Number of the (partner, end customer) pair, ascending: the tier holder of customer-scoped programs. */
  readonly partnerCustomer: Int32Array;
  /** A field as a column, built on first use. */
  column(field: LazyField): StringColumn;
}

/** Largest line count for which sums of whole units (≤ 1e9 each) stay exact: 2^53 / 1e9. */
const maxLines = 9_000_000;

/** Interns values in input order, then renumbers them by rank so ids compare like the texts. */
class Interner {
  private readonly idOf = new Map<string | undefined, number>();
  private readonly distinct: (string | undefined)[] = [];
  readonly ids: Int32Array;

  constructor(size: number) {
    this.ids = new Int32Array(size);
  }

  add(index: number, value: string | undefined): void {
    let id = this.idOf.get(value);
    if (id === undefined) {
      id = this.distinct.length;
      this.idOf.set(value, id);
      this.distinct.push(value);
    }
    this.ids[index] = id;
  }

  /** Ranks the distinct values (undefined first) and rewrites the ids, permuted by `order` if given. */
  finish(order: Int32Array | null): StringColumn {
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
    const ids = new Int32Array(this.ids.length);
    for (let index = 0; index < ids.length; index++) {
      const source = order === null ? index : (order[index] as number);
      ids[index] = rank[this.ids[source] as number] as number;
    }
    return { ids, values: sorted.map((item) => item.value) };
  }
}

/** Stable counting sort of the permutation `order` by `keys[order[i]]`, keys in [0, range). */
function countingSort(order: Int32Array, keys: Int32Array, range: number): Int32Array {
  const starts = new Int32Array(range + 1);
  for (let index = 0; index < order.length; index++)
    (starts[(keys[order[index] as number] as number) + 1] as number)++;
  for (let key = 0; key < range; key++)
    starts[key + 1] = (starts[key + 1] as number) + (starts[key] as number);
  const sorted = new Int32Array(order.length);
  for (let index = 0; index < order.length; index++) {
    const line = order[index] as number;
    const key = keys[line] as number;
    sorted[starts[key] as number] = line;
    starts[key] = (starts[key] as number) + 1;
  }
  return sorted;
}

function parseField(line: SaleLine, index: number, field: 'quantityBase' | 'extendedAmount'): number {
  try {
    return parseLineDecimal(line[field]);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(`sale line '${line.lineId}': ${error.message}`, [
      { path: `lines.${index}.${field}`, message: error.message },
    ]);
  }
}

/** Numbers consecutive runs of lines that agree on all the given columns (lines are sorted by them). */
function runs(count: number, columns: readonly Int32Array[]): { ids: Int32Array; starts: Int32Array } {
  const ids = new Int32Array(count);
  const starts: number[] = [];
  let current = -1;
  for (let index = 0; index < count; index++) {
    let changed = index === 0;
    for (const column of columns) {
      if (changed) break;
      changed = column[index] !== column[index - 1];
    }
    if (changed) {
      current++;
      starts.push(index);
    }
    ids[index] = current;
  }
  starts.push(count);
  return { ids, starts: Int32Array.from(starts) };
}

/**
 * Parses and sorts the lines once for all programs of a run: quantities and amounts into integers of 1e-6,
 * key fields into ranked ids. Rejects a duplicate line id or a value the engine cannot carry exactly.
 */
export function prepareSaleLines(lines: readonly SaleLine[]): SaleLineColumns {
  const count = lines.length;
  if (count > maxLines) {
    throw new RangeError(`a run reads at most ${maxLines} lines exactly; split it by period or partner`);
  }
  const seen = new Set<string>();
  const quantityIn = new Float64Array(count);
  const revenueIn = new Float64Array(count);
  const fields = [
    'partnerId',
    'endCustomerId',
    'billTo',
    'sku',
    'uom',
    'currency',
    'salesperson',
    'category',
  ] as const;
  const interners = fields.map(() => new Interner(count));
  const [partnerIn, customerIn, billToIn, skuIn, uomIn, currencyIn, salespersonIn, categoryIn] =
    interners as [Interner, Interner, Interner, Interner, Interner, Interner, Interner, Interner];
  for (let index = 0; index < count; index++) {
    const line = lines[index] as SaleLine;
    const size = seen.size;
    seen.add(line.lineId);
    if (seen.size === size) throw new ValidationError(`sale line '${line.lineId}' appears twice`);
    const quantity = parseField(line, index, 'quantityBase');
    const revenue = parseField(line, index, 'extendedAmount');
    quantityIn[index] = quantity;
    revenueIn[index] = revenue;
    partnerIn.add(index, line.partnerId);
    customerIn.add(index, line.endCustomerId);
    billToIn.add(index, line.billTo);
    skuIn.add(index, line.sku);
    uomIn.add(index, line.uom);
    currencyIn.add(index, line.currency);
    salespersonIn.add(index, line.salesperson);
    categoryIn.add(index, line.category);
  }
  // Ranked ids in input order drive the sort; least significant key first (LSD radix sort).
  const inputOrder = interners.map((interner) => interner.finish(null));
  let order: Int32Array = new Int32Array(count);
  for (let index = 0; index < count; index++) order[index] = index;
  for (const position of [6, 5, 4, 3, 2, 1, 0]) {
    const column = inputOrder[position] as StringColumn;
    order = countingSort(order, column.ids, column.values.length);
  }
  const [partner, customer, billTo, sku, uom, currency, salesperson, category] = interners.map((interner) =>
    interner.finish(order),
  ) as [
    StringColumn,
    StringColumn,
    StringColumn,
    StringColumn,
    StringColumn,
    StringColumn,
    StringColumn,
    StringColumn,
  ];
  // Every entry and pool lies within one partner's lines, so per-partner sums of magnitudes below 2^53 bound
  // every partial sum the engine forms: all exact as numbers.
  const partnerQuantity = new Float64Array(partner.values.length);
  const partnerRevenue = new Float64Array(partner.values.length);
  for (let index = 0; index < count; index++) {
    const id = partner.ids[index] as number;
    const source = order[index] as number;
    partnerQuantity[id] = (partnerQuantity[id] as number) + Math.abs(quantityIn[source] as number);
    partnerRevenue[id] = (partnerRevenue[id] as number) + Math.abs(revenueIn[source] as number);
  }
  const wide =
    partnerQuantity.some((sum) => !(sum < 2 ** 53)) || partnerRevenue.some((sum) => !(sum < 2 ** 53));
  const sortedLines: SaleLine[] = new Array(count);
  const quantity = new Float64Array(count);
  const revenue = new Float64Array(count);
  const quantityMicros = wide ? new Float64Array(count) : null;
  const revenueMicros = wide ? new Float64Array(count) : null;
  for (let index = 0; index < count; index++) {
    const source = order[index] as number;
    sortedLines[index] = lines[source] as SaleLine;
    const q = quantityIn[source] as number;
    const r = revenueIn[source] as number;
    if (quantityMicros === null || revenueMicros === null) {
      quantity[index] = q;
      revenue[index] = r;
    } else {
      quantity[index] = Math.trunc(q / 1e6);
      quantityMicros[index] = q - Math.trunc(q / 1e6) * 1e6;
      revenue[index] = Math.trunc(r / 1e6);
      revenueMicros[index] = r - Math.trunc(r / 1e6) * 1e6;
    }
  }
  const entryKey = [partner.ids, customer.ids, billTo.ids, sku.ids, uom.ids, currency.ids];
  const tuples = runs(count, entryKey);
  const sellerTuples = runs(count, [...entryKey, salesperson.ids]);
  const partnerCustomer = runs(count, [partner.ids, customer.ids]).ids;
  const lazy = new Map<LazyField, StringColumn>();
  return {
    count,
    lines: sortedLines,
    wide,
    quantity,
    revenue,
    quantityMicros,
    revenueMicros,
    partner,
    customer,
    billTo,
    sku,
    uom,
    currency,
    salesperson,
    category,
    tuple: tuples.ids,
    tupleStart: tuples.starts,
    sellerTuple: sellerTuples.ids,
    sellerTupleStart: sellerTuples.starts,
    partnerCustomer,
    column(field) {
      let column = lazy.get(field);
      if (column === undefined) {
        const interner = new Interner(count);
        for (let index = 0; index < count; index++)
          interner.add(index, (sortedLines[index] as SaleLine)[field]);
        column = interner.finish(null);
        lazy.set(field, column);
      }
      return column;
    },
  };
}
