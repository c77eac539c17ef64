import type { Checkbook, CheckbookPeriod } from '../ledger/checkbook';
import { fromMinorUnits, toMinorUnits } from '../ledger/ledger-amount';
import type { ClaimFundPosition } from './ports';

/** A checkbook period with what pending claims hold of it. */
export interface ReservedCheckbookPeriod extends CheckbookPeriod {
  /** Σ claims submitted and validated but not yet decided: reserved against the balance. */
  readonly reserved: string;
}

/** A checkbook with pending claims: `availableToClaim` is net of `reserved`. */
export interface ReservedCheckbook extends Checkbook {
  readonly reserved: string;
  readonly periods: readonly ReservedCheckbookPeriod[];
}

/**
 * Adds pending claims to a beneficiary's checkbooks: each period's `reserved` (from the claim funds) and its
 * `availableToClaim` net of it (earned + adjustments − claimed − reserved), and the same in total. What a
 * partner sees as available is then exactly what a new claim may take.
 */
export function withReservations(
  checkbooks: readonly Checkbook[],
  positions: readonly ClaimFundPosition[],
): ReservedCheckbook[] {
  return checkbooks.map((book) => {
    const minor = (amount: string) => toMinorUnits(amount, book.currency);
    const text = (value: bigint) => fromMinorUnits(value, book.currency);
    let total = 0n;
    const periods = book.periods.map((period) => {
      const reserved = positions
        .filter(
          (position) =>
            position.programId === book.programId &&
            position.partnerId === book.beneficiaryPartnerId &&
            position.fund === book.fund &&
            position.currency === book.currency &&
            position.period === period.period,
        )
        .reduce((sum, position) => sum + position.reserved, 0n);
      total += reserved;
      return {
        ...period,
        reserved: text(reserved),
        availableToClaim: text(minor(period.availableToClaim) - reserved),
      };
    });
    return {
      ...book,
      reserved: text(total),
      availableToClaim: text(minor(book.availableToClaim) - total),
      periods,
    };
  });
}
