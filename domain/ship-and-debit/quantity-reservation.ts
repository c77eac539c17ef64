import { authorizationLineKey } from './authorization-index';
import type { DebitClaimLineResult } from './claim-line-validation';
import type { DebitClaimLine } from './debit-claim-line';

/** Units a claim takes from one authorization line's remaining quantity. */
export interface QuantityReservation {
  readonly authorizationNumber: string;
  readonly productSku: string;
  readonly quantity: number;
}

/**
 * What a validated claim reserves: its approved quantities summed per authorization line, so the adapter
 * makes one conditional write per line of the authorization, not one per claim line.
 */
export function quantityReservations(
  lines: readonly DebitClaimLine[],
  results: readonly DebitClaimLineResult[],
): QuantityReservation[] {
  const totals = new Map<string, QuantityReservation>();
  lines.forEach((line, index) => {
    const approved = results[index]?.approvedQuantity ?? 0;
    if (approved <= 0) return;
    const key = authorizationLineKey(line.authorizationNumber, line.productSku);
    const quantity = (totals.get(key)?.quantity ?? 0) + approved;
    totals.set(key, { authorizationNumber: line.authorizationNumber, productSku: line.productSku, quantity });
  });
  return [...totals.values()];
}

/** One reservation attempt against the remaining quantity a claim read. */
export interface QuantityReservationPlan {
  /** Units granted: the request, cut to what remains (never negative). */
  readonly granted: number;
  /** The remaining quantity to write. */
  readonly remainingAfter: number;
  /**
   * The write's condition: the stored remaining quantity must still be exactly what was read (DynamoDB
   * `remaining = :read`). If another claim took units meanwhile the write fails, and the claim re-reads and
   * is validated again; so no interleaving of concurrent claims can take more than the cap.
   */
  readonly expectedRemaining: number;
}

/** The pure rule the adapter applies atomically: grant min(requested, remaining), conditioned on what was read. */
export function planQuantityReservation(remaining: number, requested: number): QuantityReservationPlan {
  const granted = Math.max(0, Math.min(requested, remaining));
  return { granted, remainingAfter: remaining - granted, expectedRemaining: remaining };
}
