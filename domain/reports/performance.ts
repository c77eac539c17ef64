import type { PartnerData } from '../partners/partner';
import { type CurrencyCode, currencyMinorUnits } from '../shared/money/money';
import { formatScaled, parseScaled, VOLUME_DECIMALS } from '../shared/money/scaled-integer';
import { byText, entryOf } from './report-figures';
import type { PartnerMonthSales } from './sales-summary';

/** What sales can be grouped by: a partner's master data, or the product category of the line. */
export const performanceDimensions = ['partnerType', 'region', 'country', 'segment', 'category'] as const;
export type PerformanceDimension = (typeof performanceDimensions)[number];

export interface PerformanceRow {
  /**
   * The value of the dimension (a partner type, region, country, segment or category); `unknown` for a
   * partner no longer in master data, `unassigned` for a partner without a segment.
   */
  readonly group: string;
  readonly currency: CurrencyCode;
  readonly quantity: string;
  readonly revenue: string;
  readonly lines: number;
  /** Partners with sales in the group. */
  readonly partners: number;
}

/** Partners without a segment (the field is optional) are grouped under this name. */
export const unassignedSegment = 'unassigned';

/**
 * Sales of the summaries given, per value of `by` and currency, exactly. Partners' type, region, country
 * and segment are their current master data (a partner moved to another region reports there for every month).
 */
export function performanceBy(
  summaries: readonly PartnerMonthSales[],
  partners: ReadonlyMap<string, Pick<PartnerData, 'partnerType' | 'region' | 'country' | 'segment'>>,
  by: PerformanceDimension,
  currency?: CurrencyCode,
): PerformanceRow[] {
  const groups = new Map<
    string,
    {
      group: string;
      currency: CurrencyCode;
      quantity: bigint;
      revenue: bigint;
      lines: number;
      partners: Set<string>;
    }
  >();
  for (const summary of summaries) {
    const partner = partners.get(summary.partnerId);
    for (const cell of summary.cells) {
      if (currency !== undefined && cell.currency !== currency) continue;
      const group =
        by === 'category'
          ? cell.category
          : partner === undefined
            ? 'unknown'
            : (partner[by] ?? unassignedSegment);
      const sum = entryOf(groups, `${group}\u001f${cell.currency}`, () => ({
        group,
        currency: cell.currency,
        quantity: 0n,
        revenue: 0n,
        lines: 0,
        partners: new Set<string>(),
      }));
      sum.quantity += parseScaled(cell.quantity, VOLUME_DECIMALS);
      sum.revenue += parseScaled(cell.revenue, VOLUME_DECIMALS);
      sum.lines += cell.lines;
      sum.partners.add(summary.partnerId);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([, sum]) => ({
      group: sum.group,
      currency: sum.currency,
      quantity: formatScaled(sum.quantity, VOLUME_DECIMALS),
      revenue: formatScaled(sum.revenue, VOLUME_DECIMALS, currencyMinorUnits[sum.currency]),
      lines: sum.lines,
      partners: sum.partners.size,
    }));
}
