import type { RebateProgram } from '../programs/program';
import type { LumpSumTerms } from '../programs/program-terms';
import { BusinessRuleError, ValidationError } from '../shared/errors';
import { type CurrencyCode, currencyMinorUnits } from '../shared/money';
import {
  type AccrualDimensions,
  type AccrualEntry,
  type AccrualFund,
  accrualKey,
  type TraceComponent,
} from './accrual-entry';
import { roundPreservingTotal } from './allocation';
import { canonicalJson, fingerprintLines, fnv1a64 } from './fingerprint';
import { compileLineFilter, lineDate } from './line-eligibility';
import { type MeasurementWindow, measurementWindows, type RunPeriod } from './measurement-window';
import { ratePool } from './rate-pool';
import { ratingPlanOf } from './rating-plan';
import type { SaleLine } from './sale-line';
import {
  AMOUNT_DECIMALS,
  addExact,
  formatScaled,
  parseLineDecimal,
  parseScaled,
  VOLUME_DECIMALS,
} from './scaled-integer';

/** Input of one accrual run: the lines it may read, the program versions, and the run's date range. */
export interface ComputeAccrualsInput {
  readonly lines: readonly SaleLine[];
  readonly programs: readonly RebateProgram[];
  readonly period: RunPeriod;
}

/** A program period a run recomputed: posted entries of these periods are what its result replaces. */
export interface AccrualScope {
  readonly programId: string;
  readonly programVersion: number;
  readonly period: string;
  readonly from: string;
  readonly to: string;
}

/** An eligible line the run could not accrue, with the reason (mixed currencies are never converted here). */
export interface SkippedLine {
  readonly programId: string;
  readonly lineId: string;
  readonly reason: 'currency-mismatch';
}

/** The result of a run: entries sorted by key, the scopes recomputed, skipped lines and input fingerprints. */
export interface AccrualRun {
  readonly entries: readonly AccrualEntry[];
  readonly scopes: readonly AccrualScope[];
  readonly skipped: readonly SkippedLine[];
  readonly lineSetFingerprint: string;
  readonly inputFingerprint: string;
}

const separator = '\u001f';

/** A line parsed once for all programs: quantities and amounts as integers of 1e-6. */
interface PreparedLine {
  readonly line: SaleLine;
  readonly quantity: number;
  readonly revenue: number;
  readonly dimensions: string;
  readonly partnerPool: string;
  readonly customerPool: string;
}

interface EntryAccumulator {
  readonly first: SaleLine;
  readonly key: string;
  quantity: number;
  revenue: number;
  readonly lineIds: string[];
}

/** The lines whose volume reaches a tier together, in one measurement window. */
interface Pool {
  readonly name: string;
  readonly window: MeasurementWindow;
  readonly tierHolder: string;
  quantity: number;
  revenue: number;
  baselineQuantity: number;
  baselineRevenue: number;
  readonly baselineLineIds: string[];
  readonly entries: Map<string, EntryAccumulator>;
}

interface EntryBuilder {
  readonly dimensions: AccrualDimensions;
  readonly window: MeasurementWindow;
  quantity: bigint;
  revenue: bigint;
  unrounded: bigint;
  rounded: bigint;
  readonly components: TraceComponent[];
}

/** Parses a line field, naming the line and field when it is not a decimal the engine can carry exactly. */
function lineDecimal(line: SaleLine, index: number, field: 'quantityBase' | 'extendedAmount'): number {
  try {
    return parseLineDecimal(line[field]);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(`sale line '${line.lineId}': ${error.message}`, [
      { path: `lines.${index}.${field}`, message: error.message },
    ]);
  }
}

/**
 * Parses every line once. The result is sorted by line id so that source-line lists come out sorted and the
 * run does not depend on the order lines were read in, without sorting again per entry.
 */
function prepareLines(lines: readonly SaleLine[]): PreparedLine[] {
  const seen = new Set<string>();
  const prepared = lines.map((line, index) => {
    if (seen.has(line.lineId)) throw new ValidationError(`sale line '${line.lineId}' appears twice`);
    seen.add(line.lineId);
    return {
      line,
      quantity: lineDecimal(line, index, 'quantityBase'),
      revenue: lineDecimal(line, index, 'extendedAmount'),
      dimensions: [line.partnerId, line.endCustomerId, line.billTo, line.sku, line.uom, line.currency].join(
        separator,
      ),
      partnerPool: `partner ${line.partnerId}`,
      customerPool: `partner ${line.partnerId} customer ${line.endCustomerId}`,
    };
  });
  return prepared.sort((a, b) => (a.line.lineId < b.line.lineId ? -1 : 1));
}

function activePrograms(programs: readonly RebateProgram[]): RebateProgram[] {
  const active = programs.filter((program) => program.status === 'active');
  const ids = new Set<string>();
  for (const program of active) {
    // Two active versions of one program would accrue twice under the same keys.
    if (ids.has(program.programId)) {
      throw new BusinessRuleError(
        `program '${program.programId}' has more than one active version in the run`,
      );
    }
    ids.add(program.programId);
  }
  return active.sort((a, b) => (a.programId < b.programId ? -1 : a.programId > b.programId ? 1 : 0));
}

function windowIndex(windows: readonly MeasurementWindow[], date: string, baseline: boolean): number {
  for (let index = 0; index < windows.length; index++) {
    const window = windows[index];
    if (window === undefined) continue;
    const range = baseline ? window.baseline : window;
    if (range.from <= date && date <= range.to) return index;
  }
  return -1;
}

function fundOf(program: RebateProgram): AccrualFund {
  if (program.terms.kind === 'coop') return 'coop';
  return program.terms.kind === 'spif' ? 'spif' : 'rebate';
}

function money(value: bigint, currency: CurrencyCode): string {
  return formatScaled(value, currencyMinorUnits[currency], currencyMinorUnits[currency]);
}

function unroundedMoney(value: bigint, currency: CurrencyCode): string {
  return formatScaled(value, AMOUNT_DECIMALS, currencyMinorUnits[currency]);
}

/** Groups a program's eligible lines into pools and entries: the hot loop, on safe integers only. */
function accumulatePools(
  program: RebateProgram,
  windows: readonly MeasurementWindow[],
  prepared: readonly PreparedLine[],
  skipped: SkippedLine[],
): Pool[] {
  const { terms, eligibility } = program;
  const filter = compileLineFilter(
    eligibility,
    terms.kind === 'spif' ? terms.products.map((product) => product.sku) : undefined,
  );
  const isGrowth = terms.kind === 'growth';
  const perLine = terms.kind === 'volume' && terms.tierEvaluation === 'line';
  const perCustomer = 'tierScope' in terms && terms.tierScope === 'customer';
  const perSalesperson = terms.kind === 'spif';
  // One map per window, so a pool's key is its name alone: no string building per line.
  const poolsByWindow = windows.map(() => new Map<string, Pool>());
  const poolFor = (index: number, name: string, tierHolder: string, window: MeasurementWindow): Pool => {
    const pools = poolsByWindow[index] ?? new Map<string, Pool>();
    let pool = pools.get(name);
    if (pool === undefined) {
      pool = {
        name,
        window,
        tierHolder,
        quantity: 0,
        revenue: 0,
        baselineQuantity: 0,
        baselineRevenue: 0,
        baselineLineIds: [],
        entries: new Map(),
      };
      pools.set(name, pool);
    }
    return pool;
  };
  for (const item of prepared) {
    const { line } = item;
    const date = lineDate(line, eligibility.dateBasis);
    const current = windowIndex(windows, date, false);
    const baseline = isGrowth ? windowIndex(windows, date, true) : -1;
    if (current < 0 && baseline < 0) continue;
    if (!filter(line)) continue;
    if (line.currency !== program.currency) {
      skipped.push({ programId: program.programId, lineId: line.lineId, reason: 'currency-mismatch' });
      continue;
    }
    const tierHolder = perCustomer ? line.endCustomerId : line.partnerId;
    const name = perLine ? `line ${line.lineId}` : perCustomer ? item.customerPool : item.partnerPool;
    const currentWindow = windows[current];
    if (currentWindow !== undefined) {
      const pool = poolFor(current, name, tierHolder, currentWindow);
      pool.quantity = addExact(pool.quantity, item.quantity);
      pool.revenue = addExact(pool.revenue, item.revenue);
      const key = perSalesperson ? `${item.dimensions}${separator}${line.salesperson}` : item.dimensions;
      let entry = pool.entries.get(key);
      if (entry === undefined) {
        entry = { first: line, key, quantity: 0, revenue: 0, lineIds: [] };
        pool.entries.set(key, entry);
      }
      entry.quantity = addExact(entry.quantity, item.quantity);
      entry.revenue = addExact(entry.revenue, item.revenue);
      entry.lineIds.push(line.lineId);
    }
    const baselineWindow = windows[baseline];
    if (baselineWindow !== undefined) {
      const pool = poolFor(baseline, name, tierHolder, baselineWindow);
      pool.baselineQuantity = addExact(pool.baselineQuantity, item.quantity);
      pool.baselineRevenue = addExact(pool.baselineRevenue, item.revenue);
      pool.baselineLineIds.push(line.lineId);
    }
  }
  return poolsByWindow.flatMap((pools) => [...pools.values()]);
}

/** Rates every pool, rounds each pool total once and adds the shares to the output entries. */
function ratePools(
  program: RebateProgram,
  pools: readonly Pool[],
  builders: Map<string, EntryBuilder>,
): void {
  if (program.terms.kind === 'lumpSum') return;
  const plan = ratingPlanOf(program.terms);
  const currency = program.currency;
  const minorUnits = currencyMinorUnits[currency];
  const fund = fundOf(program);
  for (const pool of pools) {
    // Sorted entries make largest-remainder ties, and so every cent, independent of line order.
    const entries = [...pool.entries.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (entries.length === 0) continue;
    const entryVolumes = entries.map((entry) => ({
      quantity: BigInt(entry.quantity),
      revenue: BigInt(entry.revenue),
      sku: entry.first.sku,
    }));
    const rating = ratePool(
      plan,
      { quantity: BigInt(pool.quantity), revenue: BigInt(pool.revenue) },
      { quantity: BigInt(pool.baselineQuantity), revenue: BigInt(pool.baselineRevenue) },
      entryVolumes,
      program.eligibility.prequalifiedTiers[pool.tierHolder] ?? -1,
      minorUnits,
    );
    const { rounded, total } = roundPreservingTotal(rating.shares, AMOUNT_DECIMALS, minorUnits);
    const poolUnrounded = rating.shares.reduce((sum, share) => sum + share, 0n);
    const { growth, ...explanation } = rating.explanation;
    const growthTrace =
      growth === null || program.terms.kind !== 'growth'
        ? null
        : {
            measure: program.terms.growthMeasure,
            ...growth,
            baselineLineIds: pool.baselineLineIds,
          };
    entries.forEach((entry, index) => {
      const line = entry.first;
      const dimensions: AccrualDimensions = {
        programId: program.programId,
        period: pool.window.period.label,
        fund,
        beneficiaryPartnerId: program.eligibility.beneficiaryPartnerId ?? line.partnerId,
        partnerId: line.partnerId,
        endCustomerId: line.endCustomerId,
        billTo: line.billTo,
        sku: line.sku,
        uom: line.uom,
        currency,
        salesperson: fund === 'spif' ? line.salesperson : null,
      };
      const share = rating.shares[index] ?? 0n;
      const roundedShare = rounded[index] ?? 0n;
      const builder = builderFor(builders, dimensions, pool.window);
      builder.quantity += entryVolumes[index]?.quantity ?? 0n;
      builder.revenue += entryVolumes[index]?.revenue ?? 0n;
      builder.unrounded += share;
      builder.rounded += roundedShare;
      builder.components.push({
        pool: pool.name,
        ...explanation,
        rate: rating.rates[index] ?? null,
        growth: growthTrace,
        poolUnroundedAmount: unroundedMoney(poolUnrounded, currency),
        poolRoundedAmount: money(total, currency),
        ratedBasis: formatScaled(rating.ratedBases[index] ?? 0n, VOLUME_DECIMALS),
        unroundedAmount: unroundedMoney(share, currency),
        roundedAmount: money(roundedShare, currency),
        sourceLineIds: entry.lineIds,
      });
    });
  }
}

function builderFor(
  builders: Map<string, EntryBuilder>,
  dimensions: AccrualDimensions,
  window: MeasurementWindow,
): EntryBuilder {
  const key = accrualKey(dimensions);
  let builder = builders.get(key);
  if (builder === undefined) {
    builder = { dimensions, window, quantity: 0n, revenue: 0n, unrounded: 0n, rounded: 0n, components: [] };
    builders.set(key, builder);
  }
  return builder;
}

/** A lump sum accrues once, in the program period whose window contains its date. */
function accrueLumpSum(
  program: RebateProgram,
  terms: LumpSumTerms,
  windows: readonly MeasurementWindow[],
  builders: Map<string, EntryBuilder>,
): void {
  const window = windows.find(
    (candidate) => candidate.from <= terms.accrueOn && terms.accrueOn <= candidate.to,
  );
  if (window === undefined) return;
  const currency = program.currency;
  const minorUnits = currencyMinorUnits[currency];
  const amount = parseScaled(terms.amount, minorUnits);
  const unrounded = amount * 10n ** BigInt(AMOUNT_DECIMALS - minorUnits);
  const builder = builderFor(
    builders,
    {
      programId: program.programId,
      period: window.period.label,
      fund: 'rebate',
      beneficiaryPartnerId: program.eligibility.beneficiaryPartnerId ?? terms.partnerId,
      partnerId: terms.partnerId,
      endCustomerId: null,
      billTo: null,
      sku: null,
      uom: null,
      currency,
      salesperson: null,
    },
    window,
  );
  builder.unrounded += unrounded;
  builder.rounded += amount;
  builder.components.push({
    pool: `lump sum on ${terms.accrueOn}`,
    method: 'fixed',
    tierBasis: null,
    poolVolume: null,
    startingTier: null,
    tierReached: null,
    rateType: 'fixedAmount',
    rate: money(amount, currency),
    bands: null,
    growth: null,
    poolUnroundedAmount: unroundedMoney(unrounded, currency),
    poolRoundedAmount: money(amount, currency),
    ratedBasis: '1',
    unroundedAmount: unroundedMoney(unrounded, currency),
    roundedAmount: money(amount, currency),
    sourceLineIds: [],
  });
}

function toEntry(key: string, builder: EntryBuilder, program: RebateProgram): AccrualEntry {
  const currency = builder.dimensions.currency;
  const components =
    builder.components.length > 1
      ? [...builder.components].sort((a, b) => (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0))
      : builder.components;
  return {
    ...builder.dimensions,
    key,
    programVersion: program.version,
    amount: money(builder.rounded, currency),
    trace: {
      programVersion: program.version,
      programKind: program.terms.kind,
      window: { from: builder.window.from, to: builder.window.to },
      sourceLineIds:
        components.length === 1
          ? (components[0]?.sourceLineIds ?? [])
          : components.flatMap((component) => component.sourceLineIds).sort(),
      quantity: formatScaled(builder.quantity, VOLUME_DECIMALS),
      revenue: formatScaled(builder.revenue, VOLUME_DECIMALS),
      unroundedAmount: unroundedMoney(builder.unrounded, currency),
      roundedAmount: money(builder.rounded, currency),
      rounding: {
        mode: 'half-even',
        decimals: currencyMinorUnits[currency],
        allocation: 'largest-remainder',
      },
      components,
    },
  };
}

/**
 * Computes the accruals of every active program for every program period that overlaps the run period,
 * period-to-date, from the given lines. Pure and deterministic: the same lines (in any order), programs and
 * period give the same entries, byte for byte.
 *
 * Main course: parse each line once into integers of 1e-6 → per program, filter lines by eligibility and
 * measurement window and sum them into pools (tier holders) and entries (customer × bill-to × item × UoM)
 * with safe-integer additions → rate each pool exactly (bigint, 1e-14) → round the pool total half-even to
 * minor units and spread it over the pool's entries by largest remainder → emit entries with their traces.
 */
export function computeAccruals(input: ComputeAccrualsInput): AccrualRun {
  if (input.period.end < input.period.start) {
    throw new ValidationError('the run period ends before it starts', [
      { path: 'period.end', message: 'must not be before period.start' },
    ]);
  }
  const prepared = prepareLines(input.lines);
  const programs = activePrograms(input.programs);
  const scopes: AccrualScope[] = [];
  const skipped: SkippedLine[] = [];
  const entries: AccrualEntry[] = [];
  for (const program of programs) {
    const windows = measurementWindows(program, input.period);
    for (const window of windows) {
      scopes.push({
        programId: program.programId,
        programVersion: program.version,
        period: window.period.label,
        from: window.from,
        to: window.to,
      });
    }
    const builders = new Map<string, EntryBuilder>();
    if (program.terms.kind === 'lumpSum') {
      accrueLumpSum(program, program.terms, windows, builders);
    } else {
      ratePools(program, accumulatePools(program, windows, prepared, skipped), builders);
    }
    for (const [key, builder] of builders) entries.push(toEntry(key, builder, program));
  }
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  skipped.sort((a, b) =>
    a.programId === b.programId ? (a.lineId < b.lineId ? -1 : 1) : a.programId < b.programId ? -1 : 1,
  );
  const lineSetFingerprint = fingerprintLines(input.lines);
  const inputFingerprint = fnv1a64(
    canonicalJson({
      lineSetFingerprint,
      period: input.period,
      programs: programs.map((program) => ({ ...program })),
    }),
  );
  return { entries, scopes, skipped, lineSetFingerprint, inputFingerprint };
}
