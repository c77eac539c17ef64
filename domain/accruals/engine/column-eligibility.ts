import type { Eligibility } from '../../programs/eligibility';
import type { SaleLine } from '../sale-line';
import type { SaleLineColumns } from './sale-line-columns';
import type { StringColumn } from './string-column';

/** A column test: line i passes when `accepts[ids[i]]` is 1. */
export interface ColumnTest {
  readonly ids: Int32Array;
  readonly accepts: Uint8Array;
}

/**
 * A program's eligibility compiled against the run's columns: one acceptance byte per distinct value, so the
 * per-line test is a few array reads. Item, category and partner tests are always present (all ones when the
 * program does not filter on them, and then skipped); the rarer filters are listed in `others`, and custom
 * qualifiers become one byte per line. One test for every caller: the selection of a program's lines and
 * the listing of an entry's.
 */
export class ColumnFilter {
  private readonly skuIds: Int32Array;
  private readonly categoryIds: Int32Array;
  private readonly partnerIds: Int32Array;
  /** Whether the item, category and partner tests refuse any value (reading a line's id is then needed). */
  private readonly testsSku: boolean;
  private readonly testsCategory: boolean;
  private readonly testsPartner: boolean;

  constructor(
    private readonly columns: SaleLineColumns,
    readonly sku: Uint8Array,
    readonly category: Uint8Array,
    readonly partner: Uint8Array,
    readonly others: readonly ColumnTest[],
    readonly qualified: Uint8Array | null,
    passed: 'sku' | 'category' | null = null,
  ) {
    this.skuIds = columns.sku.ids;
    this.categoryIds = columns.category.ids;
    this.partnerIds = columns.partner.ids;
    this.testsSku = passed !== 'sku' && sku.includes(0);
    this.testsCategory = passed !== 'category' && category.includes(0);
    this.testsPartner = partner.includes(0);
  }

  /** The same filter for lines known to pass its item (or category) test, e.g. read from those postings. */
  assuming(passed: 'sku' | 'category'): ColumnFilter {
    const { columns, sku, category, partner, others, qualified } = this;
    return new ColumnFilter(columns, sku, category, partner, others, qualified, passed);
  }

  /** Whether line `index` passes every test. */
  passes(index: number): boolean {
    if (this.testsSku && this.sku[this.skuIds[index] as number] === 0) return false;
    if (this.testsCategory && this.category[this.categoryIds[index] as number] === 0) return false;
    if (this.testsPartner && this.partner[this.partnerIds[index] as number] === 0) return false;
    const others = this.others;
    for (let at = 0; at < others.length; at++) {
      const test = others[at] as ColumnTest;
      if (test.accepts[test.ids[index] as number] === 0) return false;
    }
    return this.qualified === null || this.qualified[index] === 1;
  }
}

function acceptance(
  column: StringColumn,
  accepts: (value: string | undefined) => boolean,
  into?: Uint8Array,
): Uint8Array {
  const result = into ?? new Uint8Array(column.values.length).fill(1);
  column.values.forEach((value, id) => {
    if (!accepts(value)) result[id] = 0;
  });
  return result;
}

function member(values: readonly string[]): (value: string | undefined) => boolean {
  const set = new Set(values);
  return (value) => value !== undefined && set.has(value);
}

/** Compiles eligibility (and a SPIF's product list, `extraSkus`) into column tests; dates are tested apart. */
export function compileColumnFilter(
  columns: SaleLineColumns,
  eligibility: Eligibility,
  extraSkus?: readonly string[],
): ColumnFilter {
  const sku = new Uint8Array(columns.sku.values.length).fill(1);
  const products = eligibility.products;
  if (products.scope === 'items') acceptance(columns.sku, member(products.skus), sku);
  if (extraSkus !== undefined) acceptance(columns.sku, member(extraSkus), sku);
  const excludedSkus = new Set(eligibility.excludedSkus);
  acceptance(columns.sku, (value) => value === undefined || !excludedSkus.has(value), sku);
  const category = new Uint8Array(columns.category.values.length).fill(1);
  if (products.scope === 'categories') acceptance(columns.category, member(products.categories), category);
  const excludedCategories = new Set(eligibility.excludedCategories);
  acceptance(columns.category, (value) => value === undefined || !excludedCategories.has(value), category);
  const partner =
    eligibility.partners === 'all'
      ? new Uint8Array(columns.partner.values.length).fill(1)
      : acceptance(columns.partner, member(eligibility.partners));
  const others: ColumnTest[] = [];
  const add = (column: StringColumn, values: readonly string[] | undefined) => {
    if (values !== undefined) others.push({ ids: column.ids, accepts: acceptance(column, member(values)) });
  };
  add(columns.customer, eligibility.customers === 'all' ? undefined : eligibility.customers);
  add(columns.billTo, eligibility.billTo);
  add(columns.salesperson, eligibility.salespeople);
  if (eligibility.shipTo !== undefined) add(columns.column('shipTo'), eligibility.shipTo);
  if (eligibility.orderTypes !== undefined) add(columns.column('orderType'), eligibility.orderTypes);
  if (eligibility.orderLineTypes !== undefined)
    add(columns.column('orderLineType'), eligibility.orderLineTypes);
  if (eligibility.warehouses !== undefined) add(columns.column('warehouse'), eligibility.warehouses);
  let qualified: Uint8Array | null = null;
  if (eligibility.qualifiers.length > 0) {
    const tests = eligibility.qualifiers.map((qualifier) => {
      const values = new Set(qualifier.values);
      const wanted = qualifier.operator === 'in';
      return (line: SaleLine) => {
        const value = line.attributes[qualifier.attribute];
        return (value !== undefined && values.has(value)) === wanted;
      };
    });
    const marks = new Uint8Array(columns.count);
    for (let index = 0; index < columns.count; index++) {
      const line = columns.line(index);
      if (tests.every((test) => test(line))) marks[index] = 1;
    }
    qualified = marks;
  }
  return new ColumnFilter(columns, sku, category, partner, others, qualified);
}
