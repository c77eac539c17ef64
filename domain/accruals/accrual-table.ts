import type { RebateProgram } from '../programs/program';
import { BusinessRuleError } from '../shared/errors';
import { currencyMinorUnits } from '../shared/money';
import type { AccrualFund } from './accrual-entry';
import { roundPreservingTotal } from './allocation';
import { type ColumnFilter, compileColumnFilter } from './column-eligibility';
import {
  EXACT_OPERAND_LIMIT,
  floorDivNumber,
  floorMulDiv,
  floorMulDivRemainder,
  markLargest,
} from './exact-number';
import { type MeasurementWindow, measurementWindows, type RunPeriod } from './measurement-window';
import { poolRule, ratePool, type Volume } from './rate-pool';
import { type RatingPlan, ratedBasisOfPlan, ratingPlanOf } from './rating-plan';
import type { LazyField, SaleLineColumns } from './sale-line-columns';
import { AMOUNT_DECIMALS, floorDiv, powerOfTen, roundHalfEven } from './scaled-integer';

/** An eligible line the run could not accrue, with the reason (mixed currencies are never converted here). */
export interface SkippedLine {
  readonly programId: string;
  readonly lineId: string;
  readonly reason: 'currency-mismatch';
}

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
}

/**
 * The accrual entries of a run as columns, one row per entry, in key order (program, period, then the
 * entry's dimensions). An entry is a program × measurement window × entry tuple (partner, end customer,
 * bill-to, item, UoM, currency, and for SPIFs the salesperson); its dimensions are read from the tuple's
 * first line. A pool is a run of consecutive entries whose volume reaches a tier together; per-line programs
 * have no pool rows (each line is its own pool). Amounts are integers of the currency's minor unit.
 *
 * Nothing per line is stored: the lines behind an entry are the lines of its tuple (`tupleStart`) that pass
 * the program's filter and fall in its window, and `explainEntry` lists them and rebuilds the full trace.
 */
export interface AccrualTable {
  readonly columns: SaleLineColumns;
  readonly programs: readonly ProgramContext[];
  readonly entryCount: number;
  readonly entryProgram: Int32Array;
  readonly entryWindow: Int32Array;
  /** Entry tuple (seller tuple for SPIFs); -1 for a lump sum. */
  readonly entryTuple: Int32Array;
  /** Pool row of the entry; -1 for per-line programs and lump sums. */
  readonly entryPool: Int32Array;
  readonly entryAmount: Float64Array;
  readonly poolCount: number;
  readonly poolStart: Int32Array;
  readonly poolEnd: Int32Array;
  /** The first line of the pool's partner (or partner-customer) run: where its current and baseline lines are. */
  readonly poolFirstLine: Int32Array;
  readonly skipped: readonly SkippedLine[];
  /** Pools rated by the BigInt path because a bound of the number path did not hold (0 in the usual case). */
  readonly bigIntPools: number;
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
    const index = windows.findIndex((window) => {
      const range = baseline ? window.baseline : window;
      return range.from <= date && date <= range.to;
    });
    return index;
  });
}

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
    };
  }
  const dateColumn = columns.column(dateField[program.eligibility.dateBasis]);
  return {
    program,
    windows,
    plan: ratingPlanOf(terms),
    fund,
    scope:
      terms.kind === 'volume' && terms.tierEvaluation === 'line'
        ? 'line'
        : 'tierScope' in terms && terms.tierScope === 'customer'
          ? 'customer'
          : 'partner',
    filter: compileColumnFilter(
      columns,
      program.eligibility,
      terms.kind === 'spif' ? terms.products.map((product) => product.sku) : undefined,
    ),
    dates: dateColumn.ids,
    windowOfDate: windowsOfDates(dateColumn.values, windows, false),
    baselineWindowOfDate: terms.kind === 'growth' ? windowsOfDates(dateColumn.values, windows, true) : null,
    perSalesperson: terms.kind === 'spif',
  };
}

/** A typed array that grows by doubling, outside hot loops. */
function grow<T extends Int32Array | Float64Array>(array: T, needed: number): T {
  if (array.length >= needed) return array;
  const next = new (array.constructor as new (size: number) => T)(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

/**
 * Per-program scratch, sized by the line count once per run: a program has at most one entry and one pool
 * per line, so the hot loop never checks capacity.
 */
class Staging {
  readonly tuple: Int32Array;
  readonly window: Int32Array;
  readonly pool: Int32Array;
  readonly quantity: Float64Array;
  readonly revenue: Float64Array;
  readonly quantityMicros: Float64Array;
  readonly revenueMicros: Float64Array;
  readonly cents: Float64Array;
  readonly poolWindow: Int32Array;
  readonly poolFirstEntry: Int32Array;
  readonly poolEntries: Int32Array;
  readonly poolFirstLine: Int32Array;
  /** Per pool: quantity, revenue, baseline quantity, baseline revenue (and their micro-units when wide). */
  readonly poolVolumes: Float64Array;
  readonly order: Int32Array;
  readonly newIndex: Int32Array;

  constructor(size: number, wide: boolean) {
    const capacity = Math.max(size, 1);
    this.tuple = new Int32Array(capacity);
    this.window = new Int32Array(capacity);
    this.pool = new Int32Array(capacity);
    this.quantity = new Float64Array(capacity);
    this.revenue = new Float64Array(capacity);
    this.quantityMicros = new Float64Array(wide ? capacity : 0);
    this.revenueMicros = new Float64Array(wide ? capacity : 0);
    this.cents = new Float64Array(capacity);
    this.poolWindow = new Int32Array(capacity);
    this.poolFirstEntry = new Int32Array(capacity);
    this.poolEntries = new Int32Array(capacity);
    this.poolFirstLine = new Int32Array(capacity);
    this.poolVolumes = new Float64Array(capacity * (wide ? 8 : 4));
    this.order = new Int32Array(capacity);
    this.newIndex = new Int32Array(capacity);
  }
}

/** What one program's accumulation produced, in staging. */
interface Accumulated {
  readonly entries: number;
  readonly pools: number;
}

/**
 * The hot loop: one pass over the sorted lines, summing each eligible line into its entry and pool with
 * number additions (exact: see `SaleLineColumns`). Entries and pools are found by comparing the line's tuple
 * and pool key with the window's current ones, never by hashing. Per-line programs also rate each line here.
 */
function accumulate(
  columns: SaleLineColumns,
  context: ProgramContext,
  staging: Staging,
  skipped: SkippedLine[],
  rateLine: ((index: number) => number) | null,
): Accumulated {
  const filter = context.filter as ColumnFilter;
  const dates = context.dates as Int32Array;
  const windowOfDate = context.windowOfDate as Int16Array;
  const baselineOfDate = context.baselineWindowOfDate;
  const windowCount = context.windows.length;
  const skuIds = columns.sku.ids;
  const categoryIds = columns.category.ids;
  const partnerIds = columns.partner.ids;
  const currencyIds = columns.currency.ids;
  const programCurrency = columns.currency.values.indexOf(context.program.currency);
  const tuples = context.perSalesperson ? columns.sellerTuple : columns.tuple;
  const poolKeys = context.scope === 'customer' ? columns.partnerCustomer : partnerIds;
  const { sku, category, partner, others, qualified } = filter;
  const quantity = columns.quantity;
  const revenue = columns.revenue;
  const quantityMicros = columns.quantityMicros;
  const revenueMicros = columns.revenueMicros;
  const wide = columns.wide;
  const stride = wide ? 8 : 4;
  const {
    tuple: entryTuple,
    window: entryWindow,
    pool: entryPool,
    quantity: entryQuantity,
    revenue: entryRevenue,
    quantityMicros: entryQuantityMicros,
    revenueMicros: entryRevenueMicros,
    cents: entryCents,
    poolWindow,
    poolFirstEntry,
    poolEntries,
    poolFirstLine,
    poolVolumes,
  } = staging;
  const currentTuple = new Int32Array(windowCount).fill(-1);
  const currentEntry = new Int32Array(windowCount);
  const currentPoolKey = new Int32Array(windowCount).fill(-1);
  const currentPool = new Int32Array(windowCount);
  let entries = 0;
  let pools = 0;
  const poolIn = (window: number, key: number, line: number): number => {
    if (currentPoolKey[window] === key) return currentPool[window] as number;
    const pool = pools++;
    poolWindow[pool] = window;
    poolFirstEntry[pool] = entries;
    poolEntries[pool] = 0;
    poolFirstLine[pool] = line;
    poolVolumes.fill(0, pool * stride, pool * stride + stride);
    currentPoolKey[window] = key;
    currentPool[window] = pool;
    currentTuple[window] = -1;
    return pool;
  };
  const count = columns.count;
  for (let index = 0; index < count; index++) {
    const date = dates[index] as number;
    const window = windowOfDate[date] as number;
    const baselineWindow = baselineOfDate === null ? -1 : (baselineOfDate[date] as number);
    if (window < 0 && baselineWindow < 0) continue;
    if (
      sku[skuIds[index] as number] === 0 ||
      category[categoryIds[index] as number] === 0 ||
      partner[partnerIds[index] as number] === 0
    ) {
      continue;
    }
    if (others.length > 0) {
      let passes = true;
      for (const test of others) passes &&= test.accepts[test.ids[index] as number] === 1;
      if (!passes) continue;
    }
    if (qualified !== null && qualified[index] === 0) continue;
    if (currencyIds[index] !== programCurrency) {
      skipped.push({
        programId: context.program.programId,
        lineId: (columns.lines[index] as { lineId: string }).lineId,
        reason: 'currency-mismatch',
      });
      continue;
    }
    const q = quantity[index] as number;
    const r = revenue[index] as number;
    if (window >= 0) {
      const tuple = tuples[index] as number;
      let entry = currentEntry[window] as number;
      if (rateLine === null) {
        const pool = poolIn(window, poolKeys[index] as number, index);
        if (currentTuple[window] !== tuple) {
          entry = entries++;
          entryTuple[entry] = tuple;
          entryWindow[entry] = window;
          entryPool[entry] = pool;
          entryQuantity[entry] = 0;
          entryRevenue[entry] = 0;
          if (wide) {
            entryQuantityMicros[entry] = 0;
            entryRevenueMicros[entry] = 0;
          }
          currentTuple[window] = tuple;
          currentEntry[window] = entry;
          // A growth pool may open on a baseline line, before any entry of its window exists.
          if (poolEntries[pool] === 0) poolFirstEntry[pool] = entry;
          poolEntries[pool] = (poolEntries[pool] as number) + 1;
        }
        const at = pool * stride;
        poolVolumes[at] = (poolVolumes[at] as number) + q;
        poolVolumes[at + 1] = (poolVolumes[at + 1] as number) + r;
        if (wide) {
          poolVolumes[at + 4] = (poolVolumes[at + 4] as number) + (quantityMicros?.[index] as number);
          poolVolumes[at + 5] = (poolVolumes[at + 5] as number) + (revenueMicros?.[index] as number);
        }
      } else {
        if (currentTuple[window] !== tuple) {
          entry = entries++;
          entryTuple[entry] = tuple;
          entryWindow[entry] = window;
          entryPool[entry] = -1;
          entryQuantity[entry] = 0;
          entryRevenue[entry] = 0;
          entryCents[entry] = 0;
          if (wide) {
            entryQuantityMicros[entry] = 0;
            entryRevenueMicros[entry] = 0;
          }
          currentTuple[window] = tuple;
          currentEntry[window] = entry;
        }
        entryCents[entry] = (entryCents[entry] as number) + rateLine(index);
      }
      entryQuantity[entry] = (entryQuantity[entry] as number) + q;
      entryRevenue[entry] = (entryRevenue[entry] as number) + r;
      if (wide) {
        entryQuantityMicros[entry] =
          (entryQuantityMicros[entry] as number) + (quantityMicros?.[index] as number);
        entryRevenueMicros[entry] =
          (entryRevenueMicros[entry] as number) + (revenueMicros?.[index] as number);
      }
    }
    if (baselineWindow >= 0) {
      const pool = poolIn(baselineWindow, poolKeys[index] as number, index);
      const at = pool * stride;
      poolVolumes[at + 2] = (poolVolumes[at + 2] as number) + q;
      poolVolumes[at + 3] = (poolVolumes[at + 3] as number) + r;
      if (wide) {
        poolVolumes[at + 6] = (poolVolumes[at + 6] as number) + (quantityMicros?.[index] as number);
        poolVolumes[at + 7] = (poolVolumes[at + 7] as number) + (revenueMicros?.[index] as number);
      }
    }
  }
  return { entries, pools };
}

/** An exact sum held as whole units and micro-units (wide) or as one number, as BigInt at 1e-6. */
function exact(whole: number, micros: number | null): bigint {
  return micros === null ? BigInt(whole) : BigInt(whole) * 1_000_000n + BigInt(micros);
}

/** Shared scratch for rating pools. */
class RatingScratch {
  base: Float64Array = new Float64Array(0);
  remainders: Float64Array = new Float64Array(0);
  floors: Float64Array = new Float64Array(0);
  marks: Uint8Array = new Uint8Array(0);
  select: Float64Array = new Float64Array(0);

  ensure(size: number): void {
    if (this.base.length >= size) return;
    const capacity = Math.max(size, this.base.length * 2, 1024);
    this.base = new Float64Array(capacity);
    this.remainders = new Float64Array(capacity);
    this.floors = new Float64Array(capacity);
    this.marks = new Uint8Array(capacity);
    this.select = new Float64Array(capacity);
  }
}

/** Splits a non-negative factor into whole minor units per basis unit and the rest below `divisor`. */
function splitFactor(factor: bigint, divisor: bigint): { readonly whole: number; readonly rest: number } {
  const whole = factor / divisor;
  return { whole: Number(whole), rest: Number(factor - whole * divisor) };
}

/** The engine's builder: owns the output columns while programs are added. */
class TableBuilder {
  entryProgram = new Int32Array(1024);
  entryWindow = new Int32Array(1024);
  entryTuple = new Int32Array(1024);
  entryPool = new Int32Array(1024);
  entryAmount = new Float64Array(1024);
  poolStart = new Int32Array(256);
  poolEnd = new Int32Array(256);
  poolFirstLine = new Int32Array(256);
  entryCount = 0;
  /** Output index of the current program's first entry: output index − programBase = staging position. */
  programBase = 0;
  poolCount = 0;
  bigIntPools = 0;
  readonly scratch = new RatingScratch();
  readonly skipped: SkippedLine[] = [];
  readonly contexts: ProgramContext[] = [];
  private readonly staging: Staging;

  constructor(private readonly columns: SaleLineColumns) {
    this.staging = new Staging(columns.count, columns.wide);
  }

  private reserve(entries: number, pools: number): void {
    const entryNeed = this.entryCount + entries;
    this.entryProgram = grow(this.entryProgram, entryNeed);
    this.entryWindow = grow(this.entryWindow, entryNeed);
    this.entryTuple = grow(this.entryTuple, entryNeed);
    this.entryPool = grow(this.entryPool, entryNeed);
    this.entryAmount = grow(this.entryAmount, entryNeed);
    const poolNeed = this.poolCount + pools;
    this.poolStart = grow(this.poolStart, poolNeed);
    this.poolEnd = grow(this.poolEnd, poolNeed);
    this.poolFirstLine = grow(this.poolFirstLine, poolNeed);
  }

  addProgram(context: ProgramContext): void {
    const programIndex = this.contexts.length;
    this.contexts.push(context);
    const { program, plan } = context;
    if (plan === null) {
      this.addLumpSum(programIndex, context);
      return;
    }
    const staging = this.staging;
    const minorUnits = currencyMinorUnits[program.currency];
    const rateLine = context.scope === 'line' ? this.lineRater(context, plan, minorUnits) : null;
    const { entries, pools } = accumulate(this.columns, context, staging, this.skipped, rateLine);
    // Stable counting sort of the staged entries by window: tuple order is kept within each window.
    const windowCount = context.windows.length;
    const starts = new Int32Array(windowCount + 1);
    for (let entry = 0; entry < entries; entry++) (starts[(staging.window[entry] as number) + 1] as number)++;
    for (let window = 0; window < windowCount; window++) {
      starts[window + 1] = (starts[window + 1] as number) + (starts[window] as number);
    }
    for (let entry = 0; entry < entries; entry++) {
      const window = staging.window[entry] as number;
      const at = starts[window] as number;
      staging.order[at] = entry;
      staging.newIndex[entry] = at;
      starts[window] = at + 1;
    }
    this.reserve(entries, pools);
    const base = this.entryCount;
    this.programBase = base;
    for (let at = 0; at < entries; at++) {
      const entry = staging.order[at] as number;
      this.entryProgram[base + at] = programIndex;
      this.entryWindow[base + at] = staging.window[entry] as number;
      this.entryTuple[base + at] = staging.tuple[entry] as number;
      this.entryPool[base + at] = -1;
      this.entryAmount[base + at] = rateLine === null ? 0 : (staging.cents[entry] as number);
    }
    this.entryCount += entries;
    if (rateLine !== null) return;
    // Pools in output order: by window, then by their first entry.
    const poolOrder = Array.from({ length: pools }, (_, pool) => pool)
      .filter((pool) => (staging.poolEntries[pool] as number) > 0)
      .map((pool) => ({
        pool,
        start: base + (staging.newIndex[staging.poolFirstEntry[pool] as number] as number),
      }))
      .sort((a, b) => a.start - b.start);
    for (const { pool, start } of poolOrder) {
      const row = this.poolCount++;
      const end = start + (staging.poolEntries[pool] as number);
      this.poolStart[row] = start;
      this.poolEnd[row] = end;
      this.poolFirstLine[row] = staging.poolFirstLine[pool] as number;
      for (let entry = start; entry < end; entry++) this.entryPool[entry] = row;
      this.ratePoolRow(context, plan, pool, start, end, minorUnits);
    }
  }

  /** The staged volume of entry `entry` (output index → staged index) as BigInt. */
  private stagedVolume(stagedEntry: number): Volume {
    const staging = this.staging;
    const wide = this.columns.wide;
    return {
      quantity: exact(
        staging.quantity[stagedEntry] as number,
        wide ? (staging.quantityMicros[stagedEntry] as number) : null,
      ),
      revenue: exact(
        staging.revenue[stagedEntry] as number,
        wide ? (staging.revenueMicros[stagedEntry] as number) : null,
      ),
    };
  }

  private poolVolume(pool: number, baseline: boolean): Volume {
    const wide = this.columns.wide;
    const stride = wide ? 8 : 4;
    const at = pool * stride + (baseline ? 2 : 0);
    const volumes = this.staging.poolVolumes;
    return {
      quantity: exact(volumes[at] as number, wide ? (volumes[at + 4] as number) : null),
      revenue: exact(volumes[at + 1] as number, wide ? (volumes[at + 5] as number) : null),
    };
  }

  /**
   * Rates one pool and writes each entry's amount. The number path is exact under the bounds checked here
   * (every rated basis and the pool's total within 2^50, factors small enough that whole-unit products stay
   * below 2^52); otherwise the BigInt reference (`ratePool`, `roundPreservingTotal`) rates the pool.
   */
  private ratePoolRow(
    context: ProgramContext,
    plan: RatingPlan,
    stagedPool: number,
    start: number,
    end: number,
    minorUnits: number,
  ): void {
    const staging = this.staging;
    const size = end - start;
    const ratedColumn = ratedBasisOfPlan(plan) === 'revenue' ? staging.revenue : staging.quantity;
    const pool = this.poolVolume(stagedPool, false);
    const baseline = context.baselineWindowOfDate === null ? null : this.poolVolume(stagedPool, true);
    const ratedTotal = ratedBasisOfPlan(plan) === 'revenue' ? pool.revenue : pool.quantity;
    const startingTier = this.startingTier(context, staging.poolFirstLine[stagedPool] as number);
    const rule = poolRule(plan, pool, baseline, ratedTotal, startingTier);
    const divisor = 10 ** (AMOUNT_DECIMALS - minorUnits);
    const divisorBig = powerOfTen(AMOUNT_DECIMALS - minorUnits);
    const scratch = this.scratch;
    scratch.ensure(size);
    const { base: basis, remainders, floors, marks, select } = scratch;
    let fits = !this.columns.wide && Math.abs(Number(ratedTotal)) <= EXACT_OPERAND_LIMIT;
    let largest = 0;
    for (let at = 0; at < size && fits; at++) {
      const staged = staging.order[start + at - this.programBase] as number;
      const value = ratedColumn[staged] as number;
      basis[at] = value;
      if (Math.abs(value) > largest) largest = Math.abs(value);
    }
    fits &&= largest <= EXACT_OPERAND_LIMIT;
    let wholeLimit = 0;
    let perSkuWhole: Float64Array | null = null;
    let perSkuRest: Float64Array | null = null;
    let multiply: { whole: number; rest: number } | null = null;
    let allocation: {
      sign: number;
      total: number;
      quotientWhole: number;
      quotientRest: number;
      rest: number;
    } | null = null;
    if (fits) {
      if (rule.mode === 'multiply') {
        multiply = splitFactor(rule.factor, divisorBig);
        wholeLimit = multiply.whole;
      } else if (rule.mode === 'perSku') {
        const factors = this.skuFactors(context, plan, divisorBig);
        perSkuWhole = factors.whole;
        perSkuRest = factors.rest;
        wholeLimit = factors.largestWhole;
      } else {
        const weightSum = Number(ratedTotal);
        if (weightSum === 0) {
          if (rule.total !== 0n) {
            throw new BusinessRuleError('cannot allocate a non-zero amount over weights that add up to zero');
          }
          for (let entry = start; entry < end; entry++) this.entryAmount[entry] = 0;
          return;
        }
        const sign = weightSum < 0 ? -1 : 1;
        const total = weightSum * sign;
        const quotient = floorDiv(rule.total, BigInt(total));
        const quotientWhole = floorDiv(quotient, divisorBig);
        allocation = {
          sign,
          total,
          quotientWhole: Number(quotientWhole),
          quotientRest: Number(quotient - quotientWhole * divisorBig),
          rest: Number(rule.total - quotient * BigInt(total)),
        };
        wholeLimit = Math.abs(allocation.quotientWhole);
      }
      fits = wholeLimit * largest <= 2 ** 52;
    }
    if (!fits) {
      this.ratePoolWithBigInt(context, plan, pool, baseline, startingTier, start, end, minorUnits);
      return;
    }
    // Level 1 (allocation only): split the pool total at 1e-14 by largest remainder.
    if (allocation !== null) {
      let floorSum = 0;
      for (let at = 0; at < size; at++) {
        const weight = (basis[at] as number) * allocation.sign;
        const floor = floorMulDiv(allocation.rest, weight, allocation.total);
        floors[at] = floor;
        remainders[at] = floorMulDivRemainder();
        floorSum += floor;
      }
      markLargest(remainders, 0, size, allocation.rest - floorSum, marks, select);
    }
    // Each entry's exact share as whole minor units plus a remainder below the divisor.
    const skuIds = this.columns.sku.ids;
    const tupleStart = context.perSalesperson ? this.columns.sellerTupleStart : this.columns.tupleStart;
    let wholeSum = 0;
    let carry = 0;
    let restSum = 0;
    for (let at = 0; at < size; at++) {
      const value = basis[at] as number;
      let whole: number;
      if (allocation !== null) {
        const weight = value * allocation.sign;
        whole = allocation.quotientWhole * weight + floorMulDiv(allocation.quotientRest, weight, divisor);
        const below = floorMulDivRemainder() + (floors[at] as number) + (marks[at] as number);
        whole += floorDivNumber(below, divisor);
      } else if (multiply !== null) {
        whole = multiply.whole * value + floorMulDiv(multiply.rest, value, divisor);
      } else {
        const line = tupleStart[this.entryTuple[start + at] as number] as number;
        const skuId = skuIds[line] as number;
        whole =
          (perSkuWhole?.[skuId] as number) * value +
          floorMulDiv(perSkuRest?.[skuId] as number, value, divisor);
      }
      const remainder = floorMulDivRemainder();
      floors[at] = whole;
      remainders[at] = remainder;
      wholeSum += whole;
      restSum += remainder;
      if (restSum >= divisor) {
        restSum -= divisor;
        carry += 1;
      }
    }
    // Level 2: round the pool total half-even once, spread the extra units by largest remainder.
    let total = wholeSum + carry;
    const half = divisor / 2;
    if (restSum > half || (restSum === half && total % 2 !== 0)) total += 1;
    markLargest(remainders, 0, size, total - wholeSum, marks, select);
    for (let at = 0; at < size; at++) {
      this.entryAmount[start + at] = (floors[at] as number) + (marks[at] as number);
    }
  }

  /** The BigInt reference for a pool whose numbers would leave the exact range. */
  private ratePoolWithBigInt(
    context: ProgramContext,
    plan: RatingPlan,
    pool: Volume,
    baseline: Volume | null,
    startingTier: number,
    start: number,
    end: number,
    minorUnits: number,
  ): void {
    this.bigIntPools += 1;
    const entries = [];
    const skus = this.columns.sku;
    const tupleStart = context.perSalesperson ? this.columns.sellerTupleStart : this.columns.tupleStart;
    for (let entry = start; entry < end; entry++) {
      const staged = this.staging.order[entry - this.programBase] as number;
      const line = tupleStart[this.entryTuple[entry] as number] as number;
      entries.push({
        ...this.stagedVolume(staged),
        sku: skus.values[skus.ids[line] as number] ?? '',
      });
    }
    const rating = ratePool(plan, pool, baseline, entries, startingTier, minorUnits);
    const { rounded } = roundPreservingTotal(rating.shares, AMOUNT_DECIMALS, minorUnits);
    rounded.forEach((amount, index) => {
      this.entryAmount[start + index] = safeAmount(amount);
    });
  }

  private startingTier(context: ProgramContext, line: number): number {
    const tiers = context.program.eligibility.prequalifiedTiers;
    const column = context.scope === 'customer' ? this.columns.customer : this.columns.partner;
    const holder = column.values[column.ids[line] as number];
    return holder === undefined ? -1 : (tiers[holder] ?? -1);
  }

  private skuFactorCache = new WeakMap<
    ProgramContext,
    { whole: Float64Array; rest: Float64Array; largestWhole: number }
  >();

  private skuFactors(context: ProgramContext, plan: RatingPlan, divisor: bigint) {
    let factors = this.skuFactorCache.get(context);
    if (factors === undefined) {
      const values = this.columns.sku.values;
      const whole = new Float64Array(values.length);
      const rest = new Float64Array(values.length);
      let largestWhole = 0;
      if (plan.kind === 'perSku') {
        values.forEach((sku, id) => {
          const rate = sku === undefined ? undefined : plan.rates.get(sku);
          if (rate === undefined) return;
          const split = splitFactor(rate.factor, divisor);
          whole[id] = split.whole;
          rest[id] = split.rest;
          largestWhole = Math.max(largestWhole, split.whole);
        });
      }
      factors = { whole, rest, largestWhole };
      this.skuFactorCache.set(context, factors);
    }
    return factors;
  }

  /**
   * Rates one line of a per-line program (its own pool) to minor units. Retrospective tiers use numbers
   * (a line value is at most 1e15 < 2^50, and factors below 8 whole units keep products below 2^53); other
   * cases use the BigInt rule.
   */
  private lineRater(
    context: ProgramContext,
    plan: RatingPlan,
    minorUnits: number,
  ): (index: number) => number {
    const columns = this.columns;
    const divisor = 10 ** (AMOUNT_DECIMALS - minorUnits);
    const divisorBig = powerOfTen(AMOUNT_DECIMALS - minorUnits);
    const half = divisor / 2;
    const full = (whole: Float64Array, micros: Float64Array | null, index: number) =>
      micros === null ? (whole[index] as number) : (whole[index] as number) * 1e6 + (micros[index] as number);
    const value = (basis: 'quantity' | 'revenue', index: number) =>
      basis === 'quantity'
        ? full(columns.quantity, columns.quantityMicros, index)
        : full(columns.revenue, columns.revenueMicros, index);
    const ratedBasis = ratedBasisOfPlan(plan);
    if (plan.kind === 'tiered' && plan.method === 'retrospective') {
      const thresholds = plan.tiers.map((tier) => Number(tier.from));
      const factors = plan.tiers.map((tier) => splitFactor(tier.rate, divisorBig));
      if (factors.every((factor) => factor.whole < 8)) {
        return (index) => {
          const volume = Math.abs(value(plan.tierBasis, index));
          let tier = this.startingTier(context, index);
          for (let at = thresholds.length - 1; at > tier; at--) {
            if (volume >= (thresholds[at] as number)) {
              tier = at;
              break;
            }
          }
          if (tier < 0) return 0;
          const factor = factors[tier] as { whole: number; rest: number };
          const rated = value(ratedBasis, index);
          const whole = factor.whole * rated + floorMulDiv(factor.rest, rated, divisor);
          const remainder = floorMulDivRemainder();
          return remainder > half || (remainder === half && whole % 2 !== 0) ? whole + 1 : whole;
        };
      }
    }
    return (index) => {
      const volume: Volume = {
        quantity: BigInt(value('quantity', index)),
        revenue: BigInt(value('revenue', index)),
      };
      const rated = ratedBasis === 'quantity' ? volume.quantity : volume.revenue;
      const rule = poolRule(plan, volume, null, rated, this.startingTier(context, index));
      let share = 0n;
      if (rule.mode === 'multiply') share = rated * rule.factor;
      else if (rule.mode === 'allocate') {
        if (rated === 0n && rule.total !== 0n) {
          throw new BusinessRuleError('cannot allocate a non-zero amount over weights that add up to zero');
        }
        share = rule.total;
      }
      return safeAmount(roundHalfEven(share, AMOUNT_DECIMALS, minorUnits));
    };
  }

  private addLumpSum(programIndex: number, context: ProgramContext): void {
    const { program } = context;
    if (program.terms.kind !== 'lumpSum') return;
    const accrueOn = program.terms.accrueOn;
    const window = context.windows.findIndex(
      (candidate) => candidate.from <= accrueOn && accrueOn <= candidate.to,
    );
    if (window < 0) return;
    this.reserve(1, 0);
    const entry = this.entryCount++;
    this.entryProgram[entry] = programIndex;
    this.entryWindow[entry] = window;
    this.entryTuple[entry] = -1;
    this.entryPool[entry] = -1;
    const minorUnits = currencyMinorUnits[program.currency];
    this.entryAmount[entry] = safeAmount(parseMinor(program.terms.amount, minorUnits));
  }

  build(): AccrualTable {
    this.skipped.sort((a, b) =>
      a.programId === b.programId ? (a.lineId < b.lineId ? -1 : 1) : a.programId < b.programId ? -1 : 1,
    );
    return {
      columns: this.columns,
      programs: this.contexts,
      entryCount: this.entryCount,
      entryProgram: this.entryProgram.subarray(0, this.entryCount),
      entryWindow: this.entryWindow.subarray(0, this.entryCount),
      entryTuple: this.entryTuple.subarray(0, this.entryCount),
      entryPool: this.entryPool.subarray(0, this.entryCount),
      entryAmount: this.entryAmount.subarray(0, this.entryCount),
      poolCount: this.poolCount,
      poolStart: this.poolStart.subarray(0, this.poolCount),
      poolEnd: this.poolEnd.subarray(0, this.poolCount),
      poolFirstLine: this.poolFirstLine.subarray(0, this.poolCount),
      skipped: this.skipped,
      bigIntPools: this.bigIntPools,
    };
  }
}

function parseMinor(amount: string, minorUnits: number): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole + fraction.padEnd(minorUnits, '0'));
}

/** An amount in minor units as a number: refuses one beyond 2^53 rather than lose a unit. */
function safeAmount(amount: bigint): number {
  const value = Number(amount);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`accrual amount ${amount} minor units exceeds the exact range of the entry table`);
  }
  return value;
}

/**
 * Computes the accrual table of the given active programs (sorted by id) over prepared lines: the engine's
 * core, with no per-line objects and no strings built per entry.
 */
export function buildAccrualTable(
  columns: SaleLineColumns,
  programs: readonly RebateProgram[],
  period: RunPeriod,
): AccrualTable {
  const builder = new TableBuilder(columns);
  for (const program of programs) builder.addProgram(programContext(columns, program, period));
  return builder.build();
}
