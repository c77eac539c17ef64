import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';

/** An open recovery a claim sets against: the run that computed it and the amount taken back (> 0). */
export interface RecoveryOffset {
  readonly runId: string;
  readonly amount: string;
}

/** At most this many recoveries per claim: each is one more conditional write before the claim is stored. */
export const maxRecoveryOffsetsPerClaim = 5;

/**
 * Which open recoveries (reverse price protection: negative amounts the partner owes) a new claim of `amount`
 * sets against, oldest first, while what the claim still pays stays above zero (a claim of nothing is no
 * claim); a recovery that does not fit waits for a later claim, as bill-backs do on ship & debit claims.
 */
export function recoveryOffsets(
  open: readonly { readonly runId: string; readonly amount: string; readonly createdAt: string }[],
  amount: string,
  currency: CurrencyCode,
): RecoveryOffset[] {
  let left = toMinorUnits(amount, currency);
  const taken: RecoveryOffset[] = [];
  const oldestFirst = [...open].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const recovery of oldestFirst) {
    if (taken.length === maxRecoveryOffsetsPerClaim) break;
    const owed = -toMinorUnits(recovery.amount, currency);
    if (owed <= 0n || owed >= left) continue;
    left -= owed;
    taken.push({ runId: recovery.runId, amount: fromMinorUnits(owed, currency) });
  }
  return taken;
}

/** What a claim of `amount` pays once `offsets` are set against it. */
export function amountAfterOffsets(
  amount: string,
  offsets: readonly RecoveryOffset[],
  currency: CurrencyCode,
): string {
  const taken = offsets.reduce((total, offset) => total + toMinorUnits(offset.amount, currency), 0n);
  return fromMinorUnits(toMinorUnits(amount, currency) - taken, currency);
}
