import { ValidationError } from '../../shared/errors';
import { parseLineDecimal } from '../../shared/money/scaled-integer';
import type { SaleLine } from '../sale-line';
import { AccrualWorkspace } from './accrual-workspace';
import { Interner } from './interner';
import { sortByKeys } from './line-order';
import { groupLines, type LinePostings } from './line-postings';
import { LineSetFingerprint } from './line-set-fingerprint';
import type { StringColumn } from './string-column';
import { UniqueLineIds } from './unique-line-ids';

/**
 * Fields read as columns on demand: eligibility filters and date bases that programs may not use. The invoice
 * date, every program's default date basis, is read with the key fields.
 */
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
 * JavaScript integer. Otherwise each value is split into whole units (`quantity`, `revenue`) and micro-units
 * (`quantityMicros`, `revenueMicros`), whose sums stay exact for up to 9 million lines; the engine then
 * combines them as BigInt.
 */
export interface SaleLineColumns {
  readonly count: number;
  /** `fingerprintLines` of the lines, hashed while they are read. */
  readonly lineSetFingerprint: string;
  /** Line `index` in column order (sorted by key), for traces and rarely used fields. */
  line(index: number): SaleLine;
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
  /** The lines of each item and of each category (by ranked id), ascending. */
  readonly bySku: LinePostings;
  readonly byCategory: LinePostings;
  /** A field as a column, built on first use. */
  column(field: LazyField): StringColumn;
}

/** Largest line count for which sums of whole units (≤ 1e9 each) stay exact: 2^53 / 1e9. */
const maxLines = 9_000_000;

/** Splits values of 1e-6 into whole units (left in `values`) and the micro-units, returned. */
function splitMicros(values: Float64Array): Float64Array {
  const micros = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    const whole = Math.trunc(value / 1e6);
    values[index] = whole;
    micros[index] = value - whole * 1e6;
  }
  return micros;
}

/** Writes `source[order[i]]` to `into[i]` for every i: the values in sorted order. */
function gather<T extends Int32Array | Float64Array>(source: T, order: Int32Array, into: T): T {
  for (let index = 0; index < order.length; index++) into[index] = source[order[index] as number] as number;
  return into;
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

/** Numbered runs of sorted lines: `ids[i]` is line i's run, `starts[r]` run r's first line (and the count). */
interface Runs {
  readonly ids: Int32Array;
  readonly starts: Int32Array;
}

/**
 * The runs of the sorted lines that share a partner and end customer, an entry tuple (those plus bill-to,
 * item, UoM and currency) and a seller tuple (plus the salesperson), numbered in one pass: each key extends
 * the one before, so a new pair starts a new tuple and a new tuple a new seller tuple.
 */
function keyRuns(
  count: number,
  workspace: AccrualWorkspace,
  key: Record<'partner' | 'customer' | 'billTo' | 'sku' | 'uom' | 'currency' | 'salesperson', Int32Array>,
): { pairIds: Int32Array; tuples: Runs; sellerTuples: Runs } {
  const pairIds = workspace.int32('pairIds', count);
  const tupleIds = workspace.int32('tupleIds', count);
  const sellerIds = workspace.int32('sellerIds', count);
  const tupleStarts = workspace.int32('tupleStarts', count + 1);
  const sellerStarts = workspace.int32('sellerStarts', count + 1);
  const { partner, customer, billTo, sku, uom, currency, salesperson } = key;
  let pair = -1;
  let tuple = -1;
  let seller = -1;
  for (let index = 0; index < count; index++) {
    const before = index - 1;
    const newPair = index === 0 || partner[index] !== partner[before] || customer[index] !== customer[before];
    const newTuple =
      newPair ||
      billTo[index] !== billTo[before] ||
      sku[index] !== sku[before] ||
      uom[index] !== uom[before] ||
      currency[index] !== currency[before];
    if (newPair) pair++;
    if (newTuple) tupleStarts[++tuple] = index;
    if (newTuple || salesperson[index] !== salesperson[before]) sellerStarts[++seller] = index;
    pairIds[index] = pair;
    tupleIds[index] = tuple;
    sellerIds[index] = seller;
  }
  tupleStarts[tuple + 1] = count;
  sellerStarts[seller + 1] = count;
  return {
    pairIds,
    tuples: { ids: tupleIds, starts: tupleStarts.subarray(0, tuple + 2) },
    sellerTuples: { ids: sellerIds, starts: sellerStarts.subarray(0, seller + 2) },
  };
}

/** The fields interned for every line: the entry key, the category and the invoice date. */
const internedFields = [
  'partner',
  'customer',
  'billTo',
  'sku',
  'uom',
  'currency',
  'salesperson',
  'category',
  'invoiceDate',
] as const;
type InternedField = (typeof internedFields)[number];

/**
 * Parses and sorts the lines once for all programs of a run: quantities and amounts into integers of 1e-6,
 * key fields (and the invoice date, every program's default date basis) into ranked ids. Rejects a
 * duplicate line id or a value the engine cannot carry exactly.
 */
export function prepareSaleLines(
  lines: readonly SaleLine[],
  workspace = new AccrualWorkspace(),
): SaleLineColumns {
  const count = lines.length;
  if (count > maxLines) {
    throw new RangeError(`a run reads at most ${maxLines} lines exactly; split it by period or partner`);
  }
  workspace.checkFree();
  const lineIds = new UniqueLineIds(count, workspace);
  const quantityIn = workspace.float64('quantityIn', count);
  const revenueIn = workspace.float64('revenueIn', count);
  const interners = {} as Record<InternedField, Interner>;
  for (const name of internedFields) interners[name] = new Interner(workspace.int32(`ids:${name}`, count));
  const { partner: partnerIn, customer: customerIn, billTo: billToIn, sku: skuIn, uom: uomIn } = interners;
  const { currency: currencyIn, salesperson: salespersonIn, category: categoryIn } = interners;
  const invoiceDateIn = interners.invoiceDate;
  const fingerprint = new LineSetFingerprint();
  const known = {
    lineId: lineIds.hash,
    partnerId: partnerIn.hash,
    endCustomerId: customerIn.hash,
    billTo: billToIn.hash,
    sku: skuIn.hash,
    uom: uomIn.hash,
    currency: currencyIn.hash,
    salesperson: salespersonIn.hash,
    category: categoryIn.hash,
    invoiceDate: invoiceDateIn.hash,
  };
  for (let index = 0; index < count; index++) {
    const line = lines[index] as SaleLine;
    lineIds.add(index, line.lineId);
    quantityIn[index] = parseField(line, index, 'quantityBase');
    revenueIn[index] = parseField(line, index, 'extendedAmount');
    partnerIn.add(index, line.partnerId);
    customerIn.add(index, line.endCustomerId);
    billToIn.add(index, line.billTo);
    skuIn.add(index, line.sku);
    uomIn.add(index, line.uom);
    currencyIn.add(index, line.currency);
    salespersonIn.add(index, line.salesperson);
    categoryIn.add(index, line.category);
    invoiceDateIn.add(index, line.invoiceDate);
    fingerprint.add(line, known);
  }
  lineIds.check(lines);
  const inputOrder = {} as Record<InternedField, StringColumn>;
  for (const name of internedFields) inputOrder[name] = interners[name].ranked();
  const order = sortByKeys(
    (['partner', 'customer', 'billTo', 'sku', 'uom', 'currency', 'salesperson'] as const).map(
      (name) => inputOrder[name],
    ),
    count,
    workspace,
  );
  // Each column is reordered into the buffer the previous one leaves free: one spare for all of them.
  const sorted = {} as Record<InternedField, StringColumn>;
  let spare: Int32Array = workspace.int32('spareIds', count);
  for (const name of internedFields) {
    const { ids, values } = inputOrder[name];
    sorted[name] = { ids: gather(ids, order, spare), values };
    spare = ids;
  }
  const { partner, customer, billTo, sku, uom, currency, salesperson, category } = sorted;
  // The amounts in sorted order, each into the buffer the other leaves free.
  const quantity = gather(quantityIn, order, workspace.float64('quantity', count));
  const revenue = gather(revenueIn, order, quantityIn);
  // Every entry and pool lies within one partner's lines, so per-partner sums of magnitudes below 2^53 bound
  // every partial sum the engine forms: all exact as numbers.
  const partnerQuantity = new Float64Array(partner.values.length);
  const partnerRevenue = new Float64Array(partner.values.length);
  for (let index = 0; index < count; index++) {
    const id = partner.ids[index] as number;
    partnerQuantity[id] = (partnerQuantity[id] as number) + Math.abs(quantity[index] as number);
    partnerRevenue[id] = (partnerRevenue[id] as number) + Math.abs(revenue[index] as number);
  }
  const wide =
    partnerQuantity.some((sum) => !(sum < 2 ** 53)) || partnerRevenue.some((sum) => !(sum < 2 ** 53));
  const quantityMicros = wide ? splitMicros(quantity) : null;
  const revenueMicros = wide ? splitMicros(revenue) : null;
  const { pairIds, tuples, sellerTuples } = keyRuns(count, workspace, {
    partner: partner.ids,
    customer: customer.ids,
    billTo: billTo.ids,
    sku: sku.ids,
    uom: uom.ids,
    currency: currency.ids,
    salesperson: salesperson.ids,
  });
  const lazy = new Map<LazyField, StringColumn>([['invoiceDate', sorted.invoiceDate]]);
  return {
    count,
    lineSetFingerprint: fingerprint.digest(),
    line: (index) => lines[order[index] as number] as SaleLine,
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
    partnerCustomer: pairIds,
    bySku: groupLines(sku.ids, sku.values.length, workspace.int32('bySku', count)),
    byCategory: groupLines(category.ids, category.values.length, workspace.int32('byCategory', count)),
    column(field) {
      let column = lazy.get(field);
      if (column === undefined) {
        const interner = new Interner(workspace.int32(`ids:${field}`, count));
        for (let index = 0; index < count; index++) {
          interner.add(index, (lines[order[index] as number] as SaleLine)[field]);
        }
        column = interner.ranked();
        lazy.set(field, column);
      }
      return column;
    },
  };
}
