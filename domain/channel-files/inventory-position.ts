import type { Actor } from '../access/actor';
import type { InventorySnapshotLine } from '../ingestion/ingest-types';
import { BusinessRuleError } from '../shared/errors';
import { Money } from '../shared/money/money';
import { channelDataPartner, type ProductWindowQuery } from './channel-file-queries';
import type { ChannelLineQueries, StoredLine } from './ports';

export interface InventoryPosition {
  readonly partnerId: string;
  readonly sku: string;
  /** The reported snapshot the position starts from: the latest on or before `from`. */
  readonly openingDate: string;
  readonly openingOnHand: string;
  /** Receipts the partner reported after the opening date, up to `to` (sell-in). */
  readonly sellIn: string;
  /** Quantities sold (POS, returns negative) invoiced after the opening date, up to `to`. */
  readonly sellThrough: string;
  /** opening + sell-in − sell-through. */
  readonly computedOnHand: string;
  /** The latest reported on-hand after the opening date, up to `to`, if any, and how far it is off. */
  readonly reportedDate?: string;
  readonly reportedOnHand?: string;
  readonly variance?: string;
}

/** On-hand per snapshot date, summed over warehouses. */
function onHandByDate(snapshots: readonly InventorySnapshotLine[]): Map<string, InstanceType<typeof Money>> {
  const totals = new Map<string, InstanceType<typeof Money>>();
  for (const snapshot of snapshots) {
    totals.set(
      snapshot.asOfDate,
      (totals.get(snapshot.asOfDate) ?? new Money(0)).plus(snapshot.quantityOnHand ?? 0),
    );
  }
  return totals;
}

/**
 * Computes a partner's position in one product from what it reported: start from the last snapshot on or
 * before `from`, add reported receipts and subtract sell-through up to `to`, and compare with the latest
 * snapshot in that window. Exact decimals throughout; a position without an opening snapshot is refused.
 */
export function computeInventoryPosition(
  input: { readonly partnerId: string; readonly sku: string; readonly from: string; readonly to: string },
  snapshots: readonly InventorySnapshotLine[],
  sales: readonly StoredLine[],
): InventoryPosition {
  const byDate = onHandByDate(snapshots);
  const dates = [...byDate.keys()].sort();
  const openingDate = dates.filter((date) => date <= input.from).at(-1);
  if (openingDate === undefined) {
    const message = `no inventory snapshot of ${input.sku} on or before ${input.from}`;
    throw new BusinessRuleError(message, [{ path: 'query.from', message }]);
  }
  const inWindow = (date: string) => date > openingDate && date <= input.to;
  const sellIn = snapshots
    .filter((snapshot) => inWindow(snapshot.asOfDate))
    .reduce((sum, snapshot) => sum.plus(snapshot.quantityReceived ?? 0), new Money(0));
  const sellThrough = sales
    .filter((line) => inWindow(String(line.invoiceDate)))
    .reduce((sum, line) => sum.plus(String(line.quantity)), new Money(0));
  const opening = byDate.get(openingDate) ?? new Money(0);
  const computed = opening.plus(sellIn).minus(sellThrough);
  const reportedDate = dates.filter(inWindow).at(-1);
  const reported = reportedDate === undefined ? undefined : byDate.get(reportedDate);
  return {
    partnerId: input.partnerId,
    sku: input.sku,
    openingDate,
    openingOnHand: opening.toFixed(),
    sellIn: sellIn.toFixed(),
    sellThrough: sellThrough.toFixed(),
    computedOnHand: computed.toFixed(),
    ...(reportedDate !== undefined && reported
      ? { reportedDate, reportedOnHand: reported.toFixed(), variance: reported.minus(computed).toFixed() }
      : {}),
  };
}

/** The position API: reads the partner's snapshots and sales of the product, then computes. */
export async function inventoryPosition(
  deps: { readonly queries: ChannelLineQueries },
  actor: Actor,
  input: ProductWindowQuery,
): Promise<InventoryPosition> {
  const partnerId = channelDataPartner(actor, input.partnerId);
  const snapshots = await deps.queries.inventorySnapshots(partnerId, input.sku, '0000-01-01', input.to);
  const sales: StoredLine[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.queries.salesOfProduct(partnerId, input.sku, '0000-01-01', input.to, {
      limit: 1000,
      cursor,
    });
    sales.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return computeInventoryPosition(
    { partnerId, sku: input.sku, from: input.from, to: input.to },
    snapshots,
    sales,
  );
}

/** The snapshots a partner reported for one product between two dates (inclusive), oldest first. */
export async function inventorySnapshots(
  deps: { readonly queries: ChannelLineQueries },
  actor: Actor,
  input: ProductWindowQuery,
): Promise<readonly InventorySnapshotLine[]> {
  const partnerId = channelDataPartner(actor, input.partnerId);
  return deps.queries.inventorySnapshots(partnerId, input.sku, input.from, input.to);
}
