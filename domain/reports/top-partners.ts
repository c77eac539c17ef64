import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import type { LiabilityRow } from './liabilities';
import { byText, entryOf } from './report-figures';

/** One partner's place in a currency's ranking. */
export interface TopPartner {
  readonly currency: CurrencyCode;
  /** 1 for the partner that earned most in the currency. */
  readonly rank: number;
  readonly partnerId: string;
  /** Σ earned (accruals and true-ups, before adjustments) in `currency`. */
  readonly earned: string;
}

/**
 * The `limit` partners that earned most, per currency (amounts in different currencies are not ranked
 * together), from liability rows already narrowed to the period and program wanted; ties by partner id.
 */
export function topPartnersByEarned(rows: readonly LiabilityRow[], limit: number): TopPartner[] {
  const earned = new Map<CurrencyCode, Map<string, bigint>>();
  for (const row of rows) {
    const partners = entryOf(earned, row.currency, () => new Map<string, bigint>());
    partners.set(row.partnerId, (partners.get(row.partnerId) ?? 0n) + toMinorUnits(row.earned, row.currency));
  }
  return [...earned.entries()]
    .sort(([a], [b]) => byText(a, b))
    .flatMap(([currency, partners]) =>
      [...partners.entries()]
        .sort(([a, x], [b, y]) => (x === y ? byText(a, b) : x > y ? -1 : 1))
        .slice(0, limit)
        .map(([partnerId, amount], index) => ({
          currency,
          rank: index + 1,
          partnerId,
          earned: fromMinorUnits(amount, currency),
        })),
    );
}
