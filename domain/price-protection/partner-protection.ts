import { computeInventoryPosition } from '../channel-files/inventory-position';
import type { StoredLine } from '../channel-files/ports';
import type { InventorySnapshotLine } from '../ingestion/ingest-types';
import { BusinessRuleError } from '../shared/errors';
import { type CurrencyCode, currencyMinorUnits, Money, type MoneyValue } from '../shared/money/money';
import type { PriceProtectionTerm } from './price-protection-term';
import { layerOnHand, type Receipt, type StockLayer } from './stock-layers';

/** A book-cost change of one product on one price list: the entry in force before and the new one. */
export interface PriceChange {
  readonly priceListId: string;
  readonly sku: string;
  readonly effectiveFrom: string;
  readonly currency: CurrencyCode;
  /** Book cost per base unit before and from `effectiveFrom` (decimal strings). */
  readonly oldUnitCost: string;
  readonly newUnitCost: string;
}

export type PriceChangeDirection = 'decrease' | 'increase' | 'unchanged';

/** Reasons a partner's line needs a person before it is paid, stable codes. */
export const reviewReasons = {
  positionDiffers: 'positionDiffers',
} as const;
export type ReviewReason = (typeof reviewReasons)[keyof typeof reviewReasons];

/** What one partner's stock of the product is protected for, with the figures it comes from. */
export interface PartnerProtection {
  readonly partnerId: string;
  /** The partner's snapshot the eligible quantity comes from: the latest on or before the change. */
  readonly reportedDate: string;
  readonly reportedOnHand: string;
  /** In transit on that date, counted only when the term includes it ("0" otherwise). */
  readonly inTransit: string;
  /** Opening (on or before the window start, else the first snapshot) + sell-in − sell-through to `reportedDate`. */
  readonly computedOnHand: string;
  /** reported − computed. */
  readonly variance: string;
  readonly review: readonly ReviewReason[];
  /** The units held (on hand plus counted in-transit), by receipt, oldest first; `atOldPrice` ones count. */
  readonly layers: readonly (StockLayer & { readonly atOldPrice: boolean })[];
  /** Units held from before the eligibility window: never protected. */
  readonly outsideWindow: string;
  /** Units held that were bought at the old price within the window. */
  readonly eligibleQuantity: string;
  /** `eligibleQuantity` × supported quantity percent. */
  readonly protectedQuantity: string;
  /** (old − new) × supported difference percent, per unit, unrounded; negative for a recovery. */
  readonly unitAmount: string;
  /** protectedQuantity × unitAmount, half-even to the currency's minor units; negative for a recovery. */
  readonly amount: string;
}

const hundred = new Money(100);

/** Whether the book cost went down, up or not at all, and by how many percent of the old cost. */
export function changeOf(change: PriceChange): {
  readonly direction: PriceChangeDirection;
  readonly percent: string;
} {
  const oldCost = new Money(change.oldUnitCost);
  const newCost = new Money(change.newUnitCost);
  if (oldCost.lte(0)) throw new BusinessRuleError(`old book cost of ${change.sku} is not positive`);
  const percent = oldCost.minus(newCost).abs().div(oldCost).times(hundred);
  const direction = newCost.lt(oldCost) ? 'decrease' : newCost.gt(oldCost) ? 'increase' : 'unchanged';
  return { direction, percent: percent.toDecimalPlaces(4).toFixed() };
}

/**
 * Whether a change is protected at all under the term: a decrease of at least the minimum percent, or an
 * increase when the term recovers on increases. A smaller decrease, or an increase otherwise, creates nothing.
 */
export function isProtectedChange(change: PriceChange, term: PriceProtectionTerm): boolean {
  const { direction, percent } = changeOf(change);
  if (direction === 'decrease') return new Money(percent).gte(term.minDecreasePercent);
  return direction === 'increase' && term.reverseOnIncrease;
}

/** The ISO date `days` before `date`. */
export function daysBefore(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() - days);
  return at.toISOString().slice(0, 10);
}

const sum = (values: readonly (string | undefined)[]) =>
  values.reduce<MoneyValue>((total, value) => total.plus(value ?? 0), new Money(0));

/**
 * Where the computed position starts: the window start when a snapshot is on or before it, else the
 * partner's first snapshot (it started reporting within the window).
 */
function openingFrom(snapshots: readonly InventorySnapshotLine[], windowStart: string): string {
  const first = snapshots.map((snapshot) => snapshot.asOfDate).sort()[0];
  return first === undefined || first <= windowStart ? windowStart : first;
}

/** Receipts per day within the window, each at the book cost in force that day. */
function receiptsOf(
  snapshots: readonly InventorySnapshotLine[],
  windowStart: string,
  before: string,
  unitCostOn: (date: string) => string | undefined,
): Receipt[] {
  const byDate = new Map<string, InventorySnapshotLine[]>();
  for (const snapshot of snapshots) {
    if (snapshot.asOfDate < windowStart || snapshot.asOfDate > before) continue;
    byDate.set(snapshot.asOfDate, [...(byDate.get(snapshot.asOfDate) ?? []), snapshot]);
  }
  return [...byDate.entries()].flatMap(([date, lines]) => {
    const unitCost = unitCostOn(date);
    const quantity = sum(lines.map((line) => line.quantityReceived));
    return unitCost === undefined || quantity.lte(0)
      ? []
      : [{ date, quantity: quantity.toFixed(), unitCost }];
  });
}

/**
 * One partner's price protection for one change. Main course: the eligible stock is what the partner
 * reported on hand (plus in transit when the term says so) in its latest snapshot on or before the change
 * → it is checked against the position computed from channel data (opening snapshot on or before the
 * window start, or the first one within it, + receipts − sell-through); a difference beyond the term's
 * tolerance flags the line for review → the stock is layered by receipt, newest receipts first (FIFO
 * sold the oldest), each at the book cost in force the day it came in; only units received within the
 * window at the old cost are eligible → the supported percents of quantity and difference apply, and the
 * amount is rounded half-even to the currency's minor units once, at the end. Undefined when the partner
 * reported no snapshot on or before the change: nothing to protect from its word or ours.
 */
export function partnerProtection(input: {
  readonly partnerId: string;
  readonly change: PriceChange;
  readonly term: PriceProtectionTerm;
  /** The partner's snapshots of the product dated on or before the change. */
  readonly snapshots: readonly InventorySnapshotLine[];
  /** The partner's sale lines of the product invoiced on or before the change. */
  readonly sales: readonly StoredLine[];
  /** The book cost in force on a date (from the price list), undefined before its first entry. */
  readonly unitCostOn: (date: string) => string | undefined;
}): PartnerProtection | undefined {
  const { change, term } = input;
  const snapshots = input.snapshots.filter((snapshot) => snapshot.asOfDate <= change.effectiveFrom);
  const reportedDate = snapshots
    .map((snapshot) => snapshot.asOfDate)
    .sort()
    .at(-1);
  if (reportedDate === undefined) return undefined;
  const onDate = snapshots.filter((snapshot) => snapshot.asOfDate === reportedDate);
  const reportedOnHand = sum(onDate.map((snapshot) => snapshot.quantityOnHand));
  const inTransit = term.includeInTransit
    ? sum(onDate.map((snapshot) => snapshot.quantityInTransit))
    : new Money(0);

  const windowStart = daysBefore(change.effectiveFrom, term.eligibilityWindowDays);
  const review: ReviewReason[] = [];
  const position = computeInventoryPosition(
    {
      partnerId: input.partnerId,
      sku: change.sku,
      from: openingFrom(snapshots, windowStart),
      to: reportedDate,
    },
    snapshots,
    input.sales,
  );
  const computed = new Money(position.computedOnHand);
  if (reportedOnHand.minus(computed).abs().gt(term.reconciliationToleranceUnits)) {
    review.push(reviewReasons.positionDiffers);
  }

  // In-transit units were shipped (and invoiced) before the snapshot: the newest purchase, at that day's cost.
  const receipts = receiptsOf(snapshots, windowStart, change.effectiveFrom, input.unitCostOn);
  const transitCost = input.unitCostOn(reportedDate);
  if (inTransit.gt(0) && transitCost !== undefined) {
    receipts.push({
      date: reportedDate,
      quantity: inTransit.toFixed(),
      unitCost: transitCost,
      inTransit: true,
    });
  }
  const held = reportedOnHand.plus(inTransit);
  const { layers, unlayered } = layerOnHand(held.toFixed(), receipts);
  const oldCost = new Money(change.oldUnitCost);
  const marked = layers.map((layer) => ({ ...layer, atOldPrice: new Money(layer.unitCost).eq(oldCost) }));
  const eligible = sum(marked.filter((layer) => layer.atOldPrice).map((layer) => layer.quantity));
  const protectedQuantity = eligible.times(term.supportedQuantityPercent).div(hundred);
  const unitAmount = oldCost.minus(change.newUnitCost).times(term.supportedDifferencePercent).div(hundred);
  const amount = protectedQuantity
    .times(unitAmount)
    .toDecimalPlaces(currencyMinorUnits[change.currency], Money.ROUND_HALF_EVEN);
  return {
    partnerId: input.partnerId,
    reportedDate,
    reportedOnHand: reportedOnHand.toFixed(),
    inTransit: inTransit.toFixed(),
    computedOnHand: computed.toFixed(),
    variance: reportedOnHand.minus(computed).toFixed(),
    review,
    layers: marked,
    outsideWindow: unlayered,
    eligibleQuantity: eligible.toFixed(),
    protectedQuantity: protectedQuantity.toFixed(),
    unitAmount: unitAmount.toFixed(),
    amount: amount.isZero()
      ? amount.abs().toFixed(currencyMinorUnits[change.currency])
      : amount.toFixed(currencyMinorUnits[change.currency]),
  };
}
