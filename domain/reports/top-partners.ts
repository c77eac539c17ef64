import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import { type CurrencyCode, currencyMinorUnits } from '../shared/money/money';
import { formatScaled, parseScaled, VOLUME_DECIMALS } from '../shared/money/scaled-integer';
import type { LiabilityRow } from './liabilities';
import { byText, entryOf } from './report-figures';
import type { PartnerMonthSales } from './sales-summary';

/** What partners are ranked by: what they earned (the ledger) or what they sold (the sales summaries). */
export const topPartnerMeasures = ['earned', 'revenue'] as const;
export type TopPartnerMeasure = (typeof topPartnerMeasures)[number];

/** What a ranking measured: Σ earned (accruals and true-ups, before adjustments), or Σ extended amount sold. */
type RankedAmount = { readonly earned: string } | { readonly revenue: string };

/** One partner's place in a currency's ranking. */
export type TopPartner = {
  readonly currency: CurrencyCode;
  /** 1 for the partner that earned (or sold) most in the currency. */
  readonly rank: number;
  readonly partnerId: string;
} & RankedAmount;

/**
 * The `limit` largest partners of each currency (amounts in different currencies are not ranked together),
 * largest first, ties by partner id; `shape` names and formats the exact sum.
 */
function ranked(
  sums: Map<CurrencyCode, Map<string, bigint>>,
  limit: number,
  shape: (amount: bigint, currency: CurrencyCode) => RankedAmount,
): TopPartner[] {
  return [...sums.entries()]
    .sort(([a], [b]) => byText(a, b))
    .flatMap(([currency, partners]) =>
      [...partners.entries()]
        .sort(([a, x], [b, y]) => (x === y ? byText(a, b) : x > y ? -1 : 1))
        .slice(0, limit)
        .map(([partnerId, amount], index) => ({
          currency,
          rank: index + 1,
          partnerId,
          ...shape(amount, currency),
        })),
    );
}

function addTo(
  sums: Map<CurrencyCode, Map<string, bigint>>,
  currency: CurrencyCode,
  partnerId: string,
  amount: bigint,
) {
  const partners = entryOf(sums, currency, () => new Map<string, bigint>());
  partners.set(partnerId, (partners.get(partnerId) ?? 0n) + amount);
}

/**
 * The `limit` partners that earned most, per currency, from liability rows already narrowed to the period
 * and program wanted.
 */
export function topPartnersByEarned(rows: readonly LiabilityRow[], limit: number): TopPartner[] {
  const sums = new Map<CurrencyCode, Map<string, bigint>>();
  for (const row of rows) addTo(sums, row.currency, row.partnerId, toMinorUnits(row.earned, row.currency));
  return ranked(sums, limit, (amount, currency) => ({ earned: fromMinorUnits(amount, currency) }));
}

/**
 * The `limit` partners that sold most, per currency, from the monthly sales summaries of the months wanted
 * (exact: the summaries' scaled integers, formatted with at least the currency's minor units).
 */
export function topPartnersByRevenue(
  summaries: readonly PartnerMonthSales[],
  limit: number,
  currency?: CurrencyCode,
): TopPartner[] {
  const sums = new Map<CurrencyCode, Map<string, bigint>>();
  for (const summary of summaries) {
    for (const cell of summary.cells) {
      if (currency !== undefined && cell.currency !== currency) continue;
      addTo(sums, cell.currency, summary.partnerId, parseScaled(cell.revenue, VOLUME_DECIMALS));
    }
  }
  return ranked(sums, limit, (amount, code) => ({
    revenue: formatScaled(amount, VOLUME_DECIMALS, currencyMinorUnits[code]),
  }));
}
