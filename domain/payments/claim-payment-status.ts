import type { Claim, ClaimActor, ClaimStatus } from '../claims/claim';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';

/** Statuses in which an approved amount waits to be paid. */
export const payableStatuses = ['approved', 'partiallyApproved'] as const satisfies readonly ClaimStatus[];

export function isPayable(claim: Claim): boolean {
  return (payableStatuses as readonly ClaimStatus[]).includes(claim.status);
}

/**
 * What is left to pay of a decided claim: its approved amount less what deductions settled (exact, in minor
 * units); undefined before a decision.
 */
export function payableAmount(claim: Claim): string | undefined {
  if (claim.amountApproved === undefined) return undefined;
  const settled = (claim.deductionSettlements ?? []).reduce(
    (sum, settlement) => sum + toMinorUnits(settlement.amount, claim.currency),
    0n,
  );
  return fromMinorUnits(toMinorUnits(claim.amountApproved, claim.currency) - settled, claim.currency);
}

/**
 * The date (YYYY-MM-DD) a claim became payable: its approval decision. A payment returned later reopens it
 * without moving that date, so the next batch up to the same date pays it again.
 */
export function payableOn(claim: Claim): string {
  const decided = claim.history.findLast(
    (entry) => entry.from !== 'paid' && (payableStatuses as readonly ClaimStatus[]).includes(entry.to),
  );
  return (decided?.at ?? claim.submittedAt).slice(0, 10);
}

/**
 * The claim moved to `to` by a payment step, with the audit-trail entry saying who, when and why; the
 * version advances so the store's conditional write catches a concurrent change.
 */
export function claimMovedTo(
  claim: Claim,
  to: ClaimStatus,
  change: { readonly by: ClaimActor; readonly at: string; readonly comment: string },
): Claim {
  return {
    ...claim,
    status: to,
    version: claim.version + 1,
    history: [
      ...claim.history,
      { at: change.at, by: change.by, from: claim.status, to, comment: change.comment },
    ],
  };
}
