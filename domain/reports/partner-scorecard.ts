import type { ChannelFileData } from '../channel-files/channel-file';
import type { Claim, ClaimStatus } from '../claims/claim';
import type { InventorySnapshotLine } from '../ingestion/ingest-types';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import { type CurrencyCode, currencyMinorUnits } from '../shared/money/money';
import { formatScaled, parseScaled, VOLUME_DECIMALS } from '../shared/money/scaled-integer';
import { type InventoryVarianceSummary, inventoryVariance } from './inventory-variance';
import { byText, entryOf, ratio } from './report-figures';
import type { MonthWindow } from './report-months';
import type { PartnerMonthSales } from './sales-summary';

/** Sales in one currency over the window and over the same months a year earlier. */
export interface ScorecardSales {
  readonly currency: CurrencyCode;
  readonly revenue: string;
  readonly priorRevenue: string;
  /** (revenue − priorRevenue) / priorRevenue, 4 decimals; null without prior sales. */
  readonly growth: string | null;
  readonly quantity: string;
  readonly priorQuantity: string;
}

/** Decided claims submitted in the window, in one currency: what was approved of what was claimed. */
export interface ScorecardClaimAccuracy {
  readonly currency: CurrencyCode;
  readonly decidedClaims: number;
  readonly claimed: string;
  readonly approved: string;
  /** approved / claimed, 4 decimals; null without decided claims. */
  readonly accuracy: string | null;
}

export interface PartnerScorecard extends MonthWindow {
  readonly partnerId: string;
  readonly sales: readonly ScorecardSales[];
  readonly claimAccuracy: readonly ScorecardClaimAccuracy[];
  /** Files completed in the window: rejected lines / lines read (4 decimals; null without lines). */
  readonly fileRejection: {
    readonly files: number;
    readonly lines: number;
    readonly rejectedLines: number;
    readonly rate: string | null;
  };
  /** Reported on-hand against the computed position at the window's end, per SKU and summed. */
  readonly inventoryVariance: InventoryVarianceSummary;
}

/** A decision was taken on these: approved (in full or part), rejected, or already in a payment. */
const decidedStatuses: readonly ClaimStatus[] = [
  'approved',
  'partiallyApproved',
  'rejected',
  'scheduled',
  'paid',
];

const inWindow = (timestamp: string | undefined, window: MonthWindow) => {
  const month = timestamp?.slice(0, 7);
  return month !== undefined && month >= window.from && month <= window.to;
};

function salesOf(current: readonly PartnerMonthSales[], prior: readonly PartnerMonthSales[]) {
  const sums = new Map<CurrencyCode, { revenue: bigint[]; quantity: bigint[] }>();
  for (const [index, summaries] of [current, prior].entries()) {
    for (const cell of summaries.flatMap((summary) => summary.cells)) {
      const sum = entryOf(sums, cell.currency, () => ({ revenue: [0n, 0n], quantity: [0n, 0n] }));
      sum.revenue[index] = (sum.revenue[index] ?? 0n) + parseScaled(cell.revenue, VOLUME_DECIMALS);
      sum.quantity[index] = (sum.quantity[index] ?? 0n) + parseScaled(cell.quantity, VOLUME_DECIMALS);
    }
  }
  return [...sums.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([currency, { revenue, quantity }]) => {
      const [now = 0n, before = 0n] = revenue;
      const money = (value: bigint) => formatScaled(value, VOLUME_DECIMALS, currencyMinorUnits[currency]);
      return {
        currency,
        revenue: money(now),
        priorRevenue: money(before),
        growth: ratio(now - before, before),
        quantity: formatScaled(quantity[0] ?? 0n, VOLUME_DECIMALS),
        priorQuantity: formatScaled(quantity[1] ?? 0n, VOLUME_DECIMALS),
      };
    });
}

function claimAccuracyOf(claims: readonly Claim[], window: MonthWindow): ScorecardClaimAccuracy[] {
  const sums = new Map<CurrencyCode, { claims: number; claimed: bigint; approved: bigint }>();
  for (const claim of claims) {
    if (!decidedStatuses.includes(claim.status) || !inWindow(claim.submittedAt, window)) continue;
    const sum = entryOf(sums, claim.currency, () => ({ claims: 0, claimed: 0n, approved: 0n }));
    sum.claims++;
    sum.claimed += toMinorUnits(claim.amountClaimed, claim.currency);
    sum.approved += toMinorUnits(claim.amountApproved ?? '0', claim.currency);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([currency, sum]) => ({
      currency,
      decidedClaims: sum.claims,
      claimed: fromMinorUnits(sum.claimed, currency),
      approved: fromMinorUnits(sum.approved, currency),
      accuracy: ratio(sum.approved, sum.claimed),
    }));
}

/**
 * A partner's scorecard over a window of months: sales growth against the same months a year earlier (from
 * the monthly sales summaries), claim accuracy (approved / claimed of the claims decided), the share of
 * rejected lines in the files it sent, and its inventory variance at the window's end.
 */
export function partnerScorecard(input: {
  readonly partnerId: string;
  readonly window: MonthWindow;
  readonly sales: readonly PartnerMonthSales[];
  readonly priorSales: readonly PartnerMonthSales[];
  readonly claims: readonly Claim[];
  readonly files: readonly ChannelFileData[];
  /** Its inventory snapshots from the month before the window through the window's last month. */
  readonly snapshots: readonly InventorySnapshotLine[];
}): PartnerScorecard {
  const files = input.files.filter(
    (file) =>
      (file.status === 'completed' || file.status === 'completed_with_rejections') &&
      inWindow(file.completedAt, input.window),
  );
  const lines = files.reduce((sum, file) => sum + file.counts.lines, 0);
  const rejectedLines = files.reduce((sum, file) => sum + file.counts.rejected, 0);
  return {
    partnerId: input.partnerId,
    ...input.window,
    sales: salesOf(input.sales, input.priorSales),
    claimAccuracy: claimAccuracyOf(input.claims, input.window),
    fileRejection: {
      files: files.length,
      lines,
      rejectedLines,
      rate: ratio(BigInt(rejectedLines), BigInt(lines)),
    },
    inventoryVariance: inventoryVariance({
      window: input.window,
      snapshots: input.snapshots,
      sales: input.sales,
    }),
  };
}
