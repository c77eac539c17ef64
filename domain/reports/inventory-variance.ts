import type { InventoryPosition } from '../channel-files/inventory-position';
import type { InventorySnapshotLine } from '../ingestion/ingest-types';
import { formatScaled, parseScaled, VOLUME_DECIMALS } from '../shared/money/scaled-integer';
import { byText, entryOf, ratio } from './report-figures';
import { type MonthWindow, monthBefore } from './report-months';
import type { PartnerMonthSales } from './sales-summary';

/** A SKU is off when its variance exceeds this share of its computed position (a fraction, 0.05 = 5 %). */
export const inventoryVarianceTolerance = { percent: 5n, text: '0.05' } as const;

/**
 * One product at the window's end, as the position route shows it (`InventoryPosition`): the opening is the
 * latest snapshot in the month before the window, the reported on-hand the latest in its last month, and
 * sell-through the units sold in the window's months (monthly sales summaries, returns netted).
 */
export type SkuInventoryVariance = Omit<InventoryPosition, 'partnerId' | ReportedFields> &
  Required<Pick<InventoryPosition, ReportedFields>> & { readonly offTolerance: boolean };
type ReportedFields = 'reportedDate' | 'reportedOnHand' | 'variance';

export interface InventoryVarianceSummary {
  /** SKUs with a snapshot in the window's last month. */
  readonly skusReported: number;
  /** Of those, the SKUs with an opening snapshot too: the ones compared. */
  readonly skusCompared: number;
  readonly skusOffTolerance: number;
  /** The share of a SKU's computed on-hand its variance may reach, e.g. `0.05`. */
  readonly tolerance: string;
  /** Σ computed and Σ reported on-hand of the SKUs compared, base units. */
  readonly computedUnits: string;
  readonly reportedUnits: string;
  /** Σ |variance| of the SKUs compared. */
  readonly absoluteVarianceUnits: string;
  /** absoluteVarianceUnits / Σ |computed|, 4 decimals; null when nothing computed is held. */
  readonly varianceRate: string | null;
  /** The SKUs compared, by SKU. */
  readonly skus: readonly SkuInventoryVariance[];
}

/** On-hand (Σ warehouses) and receipts per snapshot date of one SKU, in 10^-6 units. */
interface SkuSnapshots {
  readonly onHand: Map<string, bigint>;
  readonly received: Map<string, bigint>;
}

const units = (text: string | undefined) => (text === undefined ? 0n : parseScaled(text, VOLUME_DECIMALS));
const shown = (value: bigint) => formatScaled(value, VOLUME_DECIMALS);
const abs = (value: bigint) => (value < 0n ? -value : value);
const latest = (dates: Iterable<string>, month: string) =>
  [...dates]
    .filter((date) => date.startsWith(month))
    .sort(byText)
    .at(-1);

/**
 * A partner's inventory variance at the end of a window of months, per SKU and summed: the reported
 * on-hand of the last snapshot in the window's last month against the position computed from the last
 * snapshot of the month before the window, plus the receipts reported in between, minus the units sold in
 * the window's months. Sell-through is monthly (the sales summaries), so the figures are exact when the
 * partner reports month-end snapshots, as an 852 product activity report usually is. Exact scaled
 * integers throughout; a SKU without both snapshots is not compared.
 */
export function inventoryVariance(input: {
  readonly window: MonthWindow;
  /** The partner's snapshots dated from the month before the window through its last month. */
  readonly snapshots: readonly InventorySnapshotLine[];
  /** The partner's sales summaries of the window's months. */
  readonly sales: readonly PartnerMonthSales[];
}): InventoryVarianceSummary {
  const bySku = new Map<string, SkuSnapshots>();
  for (const snapshot of input.snapshots) {
    const sku = entryOf(bySku, snapshot.sku, () => ({ onHand: new Map(), received: new Map() }));
    const date = snapshot.asOfDate;
    sku.onHand.set(date, (sku.onHand.get(date) ?? 0n) + units(snapshot.quantityOnHand));
    sku.received.set(date, (sku.received.get(date) ?? 0n) + units(snapshot.quantityReceived));
  }
  const sold = new Map<string, bigint>();
  for (const product of input.sales.flatMap((summary) => summary.products)) {
    sold.set(product.sku, (sold.get(product.sku) ?? 0n) + units(product.quantity));
  }
  const openingMonth = monthBefore(input.window.from);
  let skusReported = 0;
  const skus: SkuInventoryVariance[] = [];
  const totals = { computed: 0n, reported: 0n, absoluteVariance: 0n, absoluteComputed: 0n };
  for (const [sku, { onHand, received }] of [...bySku.entries()].sort(([a], [b]) => byText(a, b))) {
    const reportedDate = latest(onHand.keys(), input.window.to);
    if (reportedDate === undefined) continue;
    skusReported++;
    const openingDate = latest(onHand.keys(), openingMonth);
    if (openingDate === undefined) continue;
    const opening = onHand.get(openingDate) ?? 0n;
    const reported = onHand.get(reportedDate) ?? 0n;
    const sellIn = [...received.entries()]
      .filter(([date]) => date > openingDate && date <= reportedDate)
      .reduce((sum, [, quantity]) => sum + quantity, 0n);
    const sellThrough = sold.get(sku) ?? 0n;
    const computed = opening + sellIn - sellThrough;
    const variance = reported - computed;
    totals.computed += computed;
    totals.reported += reported;
    totals.absoluteVariance += abs(variance);
    totals.absoluteComputed += abs(computed);
    skus.push({
      sku,
      openingDate,
      openingOnHand: shown(opening),
      sellIn: shown(sellIn),
      sellThrough: shown(sellThrough),
      computedOnHand: shown(computed),
      reportedDate,
      reportedOnHand: shown(reported),
      variance: shown(variance),
      // |variance| > 5 % of |computed|, in integers: a SKU computed at 0 is off with any variance.
      offTolerance: abs(variance) * 100n > inventoryVarianceTolerance.percent * abs(computed),
    });
  }
  return {
    skusReported,
    skusCompared: skus.length,
    skusOffTolerance: skus.filter((sku) => sku.offTolerance).length,
    tolerance: inventoryVarianceTolerance.text,
    computedUnits: shown(totals.computed),
    reportedUnits: shown(totals.reported),
    absoluteVarianceUnits: shown(totals.absoluteVariance),
    varianceRate: ratio(totals.absoluteVariance, totals.absoluteComputed),
    skus,
  };
}
