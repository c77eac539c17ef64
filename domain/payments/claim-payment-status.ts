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
  // Back to payable (a batch not stored, a payment returned): the claim is in no batch any more.
  const { paymentBatchId: _left, ...rest } = claim;
  return {
    ...((payableStatuses as readonly ClaimStatus[]).includes(to) ? rest : claim),
    status: to,
    version: claim.version + 1,
    history: [
      ...claim.history,
      { at: change.at, by: change.by, from: claim.status, to, comment: change.comment },
    ],
  };
}

/** A payable claim scheduled into batch `batchId`. */
export function scheduledIn(
  claim: Claim,
  batchId: string,
  change: { readonly by: ClaimActor; readonly at: string },
): Claim {
  return {
    ...claimMovedTo(claim, 'scheduled', { ...change, comment: `payment batch ${batchId}` }),
    paymentBatchId: batchId,
  };
}

/**
 * A claim scheduled by `scheduledIn` as it was just before: what a batch build that stopped half-way reads
 * back to plan again with the claims it had moved already.
 */
export function beforeScheduling(claim: Claim): Claim {
  const last = claim.history.at(-1);
  if (claim.status !== 'scheduled' || last?.to !== 'scheduled' || last.from === null) return claim;
  const { paymentBatchId: _batch, ...rest } = claim;
  return { ...rest, status: last.from, version: claim.version - 1, history: claim.history.slice(0, -1) };
}
