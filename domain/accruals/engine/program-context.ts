import type { RebateProgram } from '../../programs/program';
import type { AccrualFund } from '../accrual-entry';
import { type MeasurementWindow, measurementWindows, type RunPeriod } from '../measurement-window';
import { type ColumnFilter, compileColumnFilter } from './column-eligibility';
import { type RatingPlan, ratingPlanOf } from './rating-plan';
import type { LazyField, SaleLineColumns } from './sale-line-columns';

/** How a program's lines form pools: one per partner, per partner's end customer, or per line. */
export type PoolScope = 'partner' | 'customer' | 'line';

/** What the table keeps of each program: its windows (in period-label order) and how it filters lines. */
export interface ProgramContext {
  readonly program: RebateProgram;
  readonly windows: readonly MeasurementWindow[];
  readonly plan: RatingPlan | null;
  readonly fund: AccrualFund;
  readonly scope: PoolScope;
  readonly filter: ColumnFilter | null;
  /** The date column of the program's date basis, and the window (or -1) of each of its values. */
  readonly dates: Int32Array | null;
  readonly windowOfDate: Int16Array | null;
  readonly baselineWindowOfDate: Int16Array | null;
  readonly perSalesperson: boolean;
  /** The prequalified starting tier of each tier holder id (partner, or end customer), or -1; null: none. */
  readonly startingTiers: Int32Array | null;
}

function fundOf(program: RebateProgram): AccrualFund {
  if (program.terms.kind === 'coop') return 'coop';
  return program.terms.kind === 'spif' ? 'spif' : 'rebate';
}

const dateField: Record<RebateProgram['eligibility']['dateBasis'], LazyField> = {
  invoice: 'invoiceDate',
  ship: 'shipDate',
  order: 'orderDate',
};

/** Windows sorted by period label, so entries come out in key order. */
function sortedWindows(program: RebateProgram, period: RunPeriod): MeasurementWindow[] {
  return measurementWindows(program, period).sort((a, b) =>
    a.period.label < b.period.label ? -1 : a.period.label > b.period.label ? 1 : 0,
  );
}

/** The window of each distinct date value (the first that contains it, as the engine always did). */
function windowsOfDates(
  values: readonly (string | undefined)[],
  windows: readonly MeasurementWindow[],
  baseline: boolean,
): Int16Array {
  return Int16Array.from(values, (date) => {
    if (date === undefined) return -1;
    return windows.findIndex((window) => {
      const range = baseline ? window.baseline : window;
      return range.from <= date && date <= range.to;
    });
  });
}

/** Compiles a program against the run's columns: windows, rating plan, pool scope and eligibility tests. */
export function programContext(
  columns: SaleLineColumns,
  program: RebateProgram,
  period: RunPeriod,
): ProgramContext {
  const windows = sortedWindows(program, period);
  const { terms } = program;
  const fund = fundOf(program);
  if (terms.kind === 'lumpSum') {
    return {
      program,
      windows,
      plan: null,
      fund,
      scope: 'partner',
      filter: null,
      dates: null,
      windowOfDate: null,
      baselineWindowOfDate: null,
      perSalesperson: false,
      startingTiers: null,
    };
  }
  const scope: PoolScope =
    terms.kind === 'volume' && terms.tierEvaluation === 'line'
      ? 'line'
      : 'tierScope' in terms && terms.tierScope === 'customer'
        ? 'customer'
        : 'partner';
  const prequalified = program.eligibility.prequalifiedTiers;
  const dateColumn = columns.column(dateField[program.eligibility.dateBasis]);
  return {
    program,
    windows,
    plan: ratingPlanOf(terms),
    fund,
    scope,
    filter: compileColumnFilter(
      columns,
      program.eligibility,
      terms.kind === 'spif' ? terms.products.map((product) => product.sku) : undefined,
    ),
    dates: dateColumn.ids,
    windowOfDate: windowsOfDates(dateColumn.values, windows, false),
    baselineWindowOfDate: terms.kind === 'growth' ? windowsOfDates(dateColumn.values, windows, true) : null,
    perSalesperson: terms.kind === 'spif',
    startingTiers:
      Object.keys(prequalified).length === 0
        ? null
        : Int32Array.from(holderColumn(columns, scope).values, (holder) =>
            holder !== undefined && Object.hasOwn(prequalified, holder)
              ? (prequalified[holder] as number)
              : -1,
          ),
  };
}

/** The column of a pool's tier holder: the end customer for customer-scoped programs, else the partner. */
function holderColumn(columns: SaleLineColumns, scope: PoolScope) {
  return scope === 'customer' ? columns.customer : columns.partner;
}

/** The prequalified starting tier of the tier holder (partner or end customer) of line `line`, or -1. */
export function startingTier(columns: SaleLineColumns, context: ProgramContext, line: number): number {
  const tiers = context.startingTiers;
  return tiers === null ? -1 : (tiers[holderColumn(columns, context.scope).ids[line] as number] as number);
}

/** The window a lump sum accrues in (the one containing its accrual date), or -1. */
export function lumpSumWindow(context: ProgramContext): number {
  const { terms } = context.program;
  if (terms.kind !== 'lumpSum') return -1;
  const accrueOn = terms.accrueOn;
  return context.windows.findIndex((window) => window.from <= accrueOn && accrueOn <= window.to);
}
