import { type CurrencyCode, currencyMinorUnits } from '../../shared/money/money';
import {
  AMOUNT_DECIMALS,
  formatScaled,
  parseScaled,
  VOLUME_DECIMALS,
} from '../../shared/money/scaled-integer';
import {
  type AccrualAmount,
  type AccrualDimensions,
  type AccrualEntry,
  accrualKey,
  type TraceComponent,
} from '../accrual-entry';
import { roundPreservingTotal } from '../allocation';
import type { SaleLine } from '../sale-line';
import {
  type AccrualTable,
  entryPool,
  entryProgram,
  entryWindow,
  type ProgramContext,
} from './accrual-table';
import { type PoolRating, ratedVolumeOf, ratePool, tierVolumeOf, type Volume } from './rate-pool';

function money(value: bigint, currency: CurrencyCode): string {
  return formatScaled(value, currencyMinorUnits[currency], currencyMinorUnits[currency]);
}

function unroundedMoney(value: bigint, currency: CurrencyCode): string {
  return formatScaled(value, AMOUNT_DECIMALS, currencyMinorUnits[currency]);
}

function lineVolume(line: SaleLine): Volume {
  return {
    quantity: parseScaled(line.quantityBase, VOLUME_DECIMALS),
    revenue: parseScaled(line.extendedAmount, VOLUME_DECIMALS),
  };
}

function sumVolumes(lines: readonly SaleLine[]): Volume {
  let quantity = 0n;
  let revenue = 0n;
  for (const line of lines) {
    const volume = lineVolume(line);
    quantity += volume.quantity;
    revenue += volume.revenue;
  }
  return { quantity, revenue };
}

/** A pool rated by the BigInt reference, for traces: each entry's share, rounded share and the totals. */
interface ExplainedPool {
  readonly name: string;
  readonly rating: PoolRating;
  readonly rounded: readonly bigint[];
  readonly total: bigint;
  readonly unrounded: bigint;
  readonly baselineLineIds: readonly string[];
  readonly entryLines: readonly (readonly SaleLine[])[];
}

/**
 * Explains rows of an accrual table: the entry's dimensions, the source lines behind it (re-selected from its
 * tuple's lines by the program's filter and window, which is what put them there), and a trace rebuilt by the
 * BigInt reference rating of its pool. The reference must reproduce the table's amount to the minor unit;
 * anything else is a defect and throws. Pools are cached, so explaining every row costs one rating per pool.
 */
export class AccrualExplainer {
  private readonly pools = new Map<number, ExplainedPool>();

  constructor(private readonly table: AccrualTable) {}

  private context(index: number): ProgramContext {
    return this.table.programs[entryProgram(this.table, index)] as ProgramContext;
  }

  private tupleLines(context: ProgramContext, tuple: number): { from: number; to: number } {
    const starts = context.perSalesperson
      ? this.table.columns.sellerTupleStart
      : this.table.columns.tupleStart;
    return { from: starts[tuple] as number, to: starts[tuple + 1] as number };
  }

  /** Whether line `index` is one the program accrued in window `window` (or measured as its baseline). */
  private accrues(context: ProgramContext, index: number, window: number, baseline: boolean): boolean {
    const columns = this.table.columns;
    const dates = context.dates;
    const windows = baseline ? context.baselineWindowOfDate : context.windowOfDate;
    if (dates === null || windows === null || context.filter === null) return false;
    if (windows[dates[index] as number] !== window) return false;
    if (!context.filter.passes(index)) return false;
    return columns.line(index).currency === context.program.currency;
  }

  /** The source lines behind row `index`, in column order. */
  sourceLines(index: number): SaleLine[] {
    const tuple = this.table.entryTuple[index] as number;
    if (tuple < 0) return [];
    const context = this.context(index);
    const window = entryWindow(this.table, index);
    const { from, to } = this.tupleLines(context, tuple);
    const lines: SaleLine[] = [];
    for (let line = from; line < to; line++) {
      if (this.accrues(context, line, window, false)) lines.push(this.table.columns.line(line));
    }
    return lines;
  }

  /** The ids of the source lines behind row `index`, sorted. */
  sourceLineIds(index: number): string[] {
    return this.sourceLines(index)
      .map((line) => line.lineId)
      .sort();
  }

  /** The dimensions of row `index`. */
  dimensions(index: number): AccrualDimensions {
    const context = this.context(index);
    const { program } = context;
    const window = context.windows[entryWindow(this.table, index)];
    const tuple = this.table.entryTuple[index] as number;
    const period = window?.period.label ?? '';
    if (tuple < 0 && program.terms.kind === 'lumpSum') {
      const partnerId = program.terms.partnerId;
      return {
        programId: program.programId,
        period,
        fund: 'rebate',
        beneficiaryPartnerId: program.eligibility.beneficiaryPartnerId ?? partnerId,
        partnerId,
        endCustomerId: null,
        billTo: null,
        sku: null,
        uom: null,
        currency: program.currency,
        salesperson: null,
      };
    }
    const line = this.table.columns.line(this.tupleLines(context, tuple).from);
    return {
      programId: program.programId,
      period,
      fund: context.fund,
      beneficiaryPartnerId: program.eligibility.beneficiaryPartnerId ?? line.partnerId,
      partnerId: line.partnerId,
      endCustomerId: line.endCustomerId,
      billTo: line.billTo,
      sku: line.sku,
      uom: line.uom,
      currency: program.currency,
      salesperson: context.fund === 'spif' ? line.salesperson : null,
    };
  }

  private holderTier(context: ProgramContext, line: SaleLine): number {
    const holder = context.scope === 'customer' ? line.endCustomerId : line.partnerId;
    return context.program.eligibility.prequalifiedTiers[holder] ?? -1;
  }

  private explainPool(pool: number, context: ProgramContext, window: number): ExplainedPool {
    const cached = this.pools.get(pool);
    if (cached !== undefined) return cached;
    const table = this.table;
    const plan = context.plan;
    if (plan === null) throw new RangeError('a lump sum has no pool');
    const start = table.poolStart[pool] as number;
    const end = table.poolEnd[pool] as number;
    const entryLines: SaleLine[][] = [];
    for (let entry = start; entry < end; entry++) entryLines.push(this.sourceLines(entry));
    const entries = entryLines.map((lines) => ({
      ratedBasis: ratedVolumeOf(plan, sumVolumes(lines)),
      sku: lines[0]?.sku ?? '',
    }));
    const poolVolume = sumVolumes(entryLines.flat());
    const first = table.poolFirstLine[pool] as number;
    const columns = table.columns;
    const keys = context.scope === 'customer' ? columns.partnerCustomer : columns.partner.ids;
    const baselineLines: SaleLine[] = [];
    if (context.baselineWindowOfDate !== null) {
      for (let line = first; line < columns.count && keys[line] === keys[first]; line++) {
        if (this.accrues(context, line, window, true)) baselineLines.push(columns.line(line));
      }
    }
    const firstLine = columns.line(first);
    const rating = ratePool(
      plan,
      tierVolumeOf(plan, poolVolume),
      tierVolumeOf(plan, sumVolumes(baselineLines)),
      entries,
      this.holderTier(context, firstLine),
      currencyMinorUnits[context.program.currency],
    );
    const minorUnits = currencyMinorUnits[context.program.currency];
    const { rounded, total } = roundPreservingTotal(rating.shares, AMOUNT_DECIMALS, minorUnits);
    const explained: ExplainedPool = {
      name:
        context.scope === 'customer'
          ? `partner ${firstLine.partnerId} customer ${firstLine.endCustomerId}`
          : `partner ${firstLine.partnerId}`,
      rating,
      rounded,
      total,
      unrounded: rating.shares.reduce((sum, share) => sum + share, 0n),
      baselineLineIds: baselineLines.map((line) => line.lineId).sort(),
      entryLines,
    };
    this.pools.set(pool, explained);
    return explained;
  }

  private component(
    context: ProgramContext,
    explained: ExplainedPool,
    position: number,
    sourceLineIds: readonly string[],
  ): { component: TraceComponent; share: bigint; rounded: bigint } {
    const currency = context.program.currency;
    const { rating } = explained;
    const { growth, ...explanation } = rating.explanation;
    const terms = context.program.terms;
    const share = rating.shares[position] ?? 0n;
    const rounded = explained.rounded[position] ?? 0n;
    return {
      share,
      rounded,
      component: {
        pool: explained.name,
        ...explanation,
        rate: rating.rates[position] ?? null,
        growth:
          growth === null || terms.kind !== 'growth'
            ? null
            : { measure: terms.growthMeasure, ...growth, baselineLineIds: explained.baselineLineIds },
        poolUnroundedAmount: unroundedMoney(explained.unrounded, currency),
        poolRoundedAmount: money(explained.total, currency),
        ratedBasis: formatScaled(rating.ratedBases[position] ?? 0n, VOLUME_DECIMALS),
        unroundedAmount: unroundedMoney(share, currency),
        roundedAmount: money(rounded, currency),
        sourceLineIds,
      },
    };
  }

  /** Row `index` as an accrual without its trace: what posting needs, at no cost per line. */
  amount(index: number): AccrualAmount {
    const context = this.context(index);
    const dimensions = this.dimensions(index);
    const amount = BigInt(this.table.entryAmount[index] as number);
    return {
      ...dimensions,
      key: accrualKey(dimensions),
      programVersion: context.program.version,
      amount: money(amount, context.program.currency),
    };
  }

  /** Row `index` as a full accrual entry with its calculation trace. */
  entry(index: number): AccrualEntry {
    const table = this.table;
    const context = this.context(index);
    const { program } = context;
    const currency = program.currency;
    const minorUnits = currencyMinorUnits[currency];
    const dimensions = this.dimensions(index);
    const window = context.windows[entryWindow(table, index)];
    const components: TraceComponent[] = [];
    let unrounded = 0n;
    let rounded = 0n;
    let volume: Volume = { quantity: 0n, revenue: 0n };
    if (program.terms.kind === 'lumpSum') {
      const amount = parseScaled(program.terms.amount, minorUnits);
      unrounded = amount * 10n ** BigInt(AMOUNT_DECIMALS - minorUnits);
      rounded = amount;
      components.push({
        pool: `lump sum on ${program.terms.accrueOn}`,
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
    } else if (context.scope === 'line') {
      const plan = context.plan;
      if (plan === null) throw new RangeError('a per-line program needs a rating plan');
      for (const line of this.sourceLines(index)) {
        const lineVolumes = lineVolume(line);
        const rating = ratePool(
          plan,
          tierVolumeOf(plan, lineVolumes),
          0n,
          [{ ratedBasis: ratedVolumeOf(plan, lineVolumes), sku: line.sku }],
          this.holderTier(context, line),
          minorUnits,
        );
        const shaped = roundPreservingTotal(rating.shares, AMOUNT_DECIMALS, minorUnits);
        const explained: ExplainedPool = {
          name: `line ${line.lineId}`,
          rating,
          rounded: shaped.rounded,
          total: shaped.total,
          unrounded: rating.shares[0] ?? 0n,
          baselineLineIds: [],
          entryLines: [[line]],
        };
        const part = this.component(context, explained, 0, [line.lineId]);
        components.push(part.component);
        unrounded += part.share;
        rounded += part.rounded;
      }
      volume = sumVolumes(this.sourceLines(index));
    } else {
      const pool = entryPool(table, index);
      const explained = this.explainPool(pool, context, entryWindow(table, index));
      const position = index - (table.poolStart[pool] as number);
      const lines = explained.entryLines[position] ?? [];
      const part = this.component(context, explained, position, lines.map((line) => line.lineId).sort());
      components.push(part.component);
      unrounded = part.share;
      rounded = part.rounded;
      volume = sumVolumes(lines);
    }
    if (Number(rounded) !== table.entryAmount[index]) {
      throw new Error(
        `accrual engine defect: entry ${index} computed ${table.entryAmount[index]} minor units, the reference ${rounded}`,
      );
    }
    components.sort((a, b) => (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0));
    return {
      ...dimensions,
      key: accrualKey(dimensions),
      programVersion: program.version,
      amount: money(rounded, currency),
      trace: {
        programVersion: program.version,
        programKind: program.terms.kind,
        window: { from: window?.from ?? '', to: window?.to ?? '' },
        sourceLineIds:
          components.length === 1
            ? (components[0]?.sourceLineIds ?? [])
            : components.flatMap((component) => component.sourceLineIds).sort(),
        quantity: formatScaled(volume.quantity, VOLUME_DECIMALS),
        revenue: formatScaled(volume.revenue, VOLUME_DECIMALS),
        unroundedAmount: unroundedMoney(unrounded, currency),
        roundedAmount: money(rounded, currency),
        rounding: { mode: 'half-even', decimals: minorUnits, allocation: 'largest-remainder' },
        components,
      },
    };
  }
}
