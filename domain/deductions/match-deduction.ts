import type { Claim } from '../claims/claim';
import { isPayable, payableAmount } from '../payments/claim-payment-status';
import { Money } from '../shared/money/money';
import type { Deduction } from './deduction';

/**
 * Where a deduction stands after automatic matching: one claim it settles, several a person must choose
 * between, or none (it stays open and ages).
 */
export type DeductionMatch =
  | { readonly kind: 'unique'; readonly claimId: string }
  | { readonly kind: 'ambiguous'; readonly candidateClaimIds: readonly string[] }
  | { readonly kind: 'none' };

function referencesOf(claim: Claim): Set<string> {
  return new Set(claim.lines.map((line) => line.reference.trim().toUpperCase()));
}

/**
 * The matching rules: a candidate is a payable claim (approved or partially approved, not scheduled) of the
 * same partner and currency whose payable amount (approved less earlier deductions) is
 * within `tolerance` (an absolute amount in that currency) of the deduction. A candidate whose line
 * references name the deduction's reference or invoice is preferred. The match is automatic only when it is
 * unique: among the reference matches if there are any, else among all candidates. Money compares exactly.
 */
export function matchDeduction(
  deduction: Deduction,
  claims: readonly Claim[],
  tolerance: string,
): DeductionMatch {
  const amount = new Money(deduction.amount);
  const limit = new Money(tolerance);
  const candidates = claims.filter((claim) => {
    const payable = payableAmount(claim);
    return (
      isPayable(claim) &&
      claim.partnerId === deduction.partnerId &&
      claim.currency === deduction.currency &&
      payable !== undefined &&
      new Money(payable).gt(0) &&
      new Money(payable).minus(amount).abs().lte(limit)
    );
  });
  const wanted = [deduction.reference, deduction.invoice]
    .map((text) => text.trim().toUpperCase())
    .filter((text) => text.length > 0);
  const byReference = candidates.filter((claim) => {
    const references = referencesOf(claim);
    return wanted.some((text) => references.has(text));
  });
  const pool = byReference.length > 0 ? byReference : candidates;
  if (pool.length === 1) return { kind: 'unique', claimId: (pool[0] as Claim).claimId };
  if (pool.length === 0) return { kind: 'none' };
  return { kind: 'ambiguous', candidateClaimIds: pool.map((claim) => claim.claimId) };
}

/** Whole days a deduction has been open on `today` (ISO date), for the aging report. */
export function ageInDays(deduction: Deduction, today: string): number {
  const imported = Date.parse(deduction.importedAt.slice(0, 10));
  return Math.max(0, Math.floor((Date.parse(today) - imported) / 86_400_000));
}
