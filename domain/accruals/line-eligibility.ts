import type { DateBasis, Eligibility } from '../programs/eligibility';
import type { IsoDate } from '../shared/iso-date';
import type { SaleLine } from './sale-line';

/** Tells whether a line passes a program's eligibility filters (dates are checked separately, per period). */
export type LineFilter = (line: SaleLine) => boolean;

function memberOf(values: readonly string[] | undefined): ((value: string | undefined) => boolean) | null {
  if (values === undefined) return null;
  const set = new Set(values);
  return (value) => value !== undefined && set.has(value);
}

/**
 * Compiles eligibility into one predicate, once per program: lists become Sets so the per-line test is a few
 * hash lookups. `extraSkus` narrows products further (a SPIF pays only on its listed products).
 */
export function compileLineFilter(eligibility: Eligibility, extraSkus?: readonly string[]): LineFilter {
  const tests: LineFilter[] = [];
  const add = (
    accepts: ((value: string | undefined) => boolean) | null,
    read: (line: SaleLine) => string | undefined,
  ) => {
    if (accepts !== null) tests.push((line) => accepts(read(line)));
  };
  add(eligibility.partners === 'all' ? null : memberOf(eligibility.partners), (line) => line.partnerId);
  add(eligibility.customers === 'all' ? null : memberOf(eligibility.customers), (line) => line.endCustomerId);
  add(memberOf(eligibility.billTo), (line) => line.billTo);
  add(memberOf(eligibility.shipTo), (line) => line.shipTo);
  add(memberOf(eligibility.orderTypes), (line) => line.orderType);
  add(memberOf(eligibility.orderLineTypes), (line) => line.orderLineType);
  add(memberOf(eligibility.salespeople), (line) => line.salesperson);
  add(memberOf(eligibility.warehouses), (line) => line.warehouse);
  const products = eligibility.products;
  if (products.scope === 'items') add(memberOf(products.skus), (line) => line.sku);
  if (products.scope === 'categories') add(memberOf(products.categories), (line) => line.category);
  add(memberOf(extraSkus), (line) => line.sku);
  const excludedSkus = new Set(eligibility.excludedSkus);
  const excludedCategories = new Set(eligibility.excludedCategories);
  if (excludedSkus.size > 0) tests.push((line) => !excludedSkus.has(line.sku));
  if (excludedCategories.size > 0) tests.push((line) => !excludedCategories.has(line.category));
  for (const qualifier of eligibility.qualifiers) {
    const values = new Set(qualifier.values);
    const wanted = qualifier.operator === 'in';
    tests.push((line) => {
      const value = line.attributes[qualifier.attribute];
      return (value !== undefined && values.has(value)) === wanted;
    });
  }
  return (line) => tests.every((test) => test(line));
}

/** The date of a line that decides its period under a program's date basis. */
export function lineDate(line: SaleLine, basis: DateBasis): IsoDate {
  if (basis === 'ship') return line.shipDate;
  if (basis === 'order') return line.orderDate;
  return line.invoiceDate;
}
